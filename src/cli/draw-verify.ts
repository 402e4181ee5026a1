import { readFileSync } from 'node:fs';
import { checkDrawNotice, drawNoticeSchema } from '../allocation/draw-notice.js';

/** Standalone: reads a published notice and recomputes the draw. No database, no network. */
const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run draw:verify -- <notice.json>');
  process.exit(2);
}
const parsed = drawNoticeSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
if (!parsed.success) {
  console.error(
    `Not an anju-draw-v1 notice: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
  );
  process.exit(2);
}
const check = checkDrawNotice(parsed.data);
if (!check.ok) {
  console.error(`摇号结果校验失败 / draw does NOT verify (${parsed.data.round.name}):`);
  for (const problem of check.problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(`摇号结果校验通过 / draw verified: ${parsed.data.project.name} · ${parsed.data.round.name}`);
console.log(`  ${parsed.data.households.length} households, listHash ${parsed.data.listHash}`);
console.log(`  commitment ${parsed.data.commitment} = sha256(secret)`);
console.log(`  first in order: ${check.order?.slice(0, 5).join(', ')}${(check.order?.length ?? 0) > 5 ? ', …' : ''}`);
