import { verifyAuditAnchored } from '../audit/anchor-verify.service.js';
import { type ClaimedCheckpoint, parseCheckpointArg } from '../audit/checkpoint.js';
import { openRuntime } from '../runtime.js';
import { parseArgs } from './args.js';

const args = parseArgs(process.argv.slice(2));
const given = args.get('checkpoint');
let claimed: ClaimedCheckpoint | undefined;
if (given !== undefined) {
  const parsed = parseCheckpointArg(given);
  if (!parsed) {
    console.error('锚点格式应为 <序号>:<哈希>（哈希至少 16 位十六进制），例如 --checkpoint 1234:3f9a0b1c2d3e4f50');
    console.error('Usage: npm run audit:verify [-- --checkpoint <seq>:<hash>]');
    process.exit(2);
  }
  claimed = parsed;
}

const { deps, handle } = await openRuntime(process.env);
const report = await verifyAuditAnchored(deps, claimed);
await handle.close();
if (!report.ok) {
  for (const problem of report.problems) console.error(`审计链校验失败: ${problem}`);
  const kind = report.firstBreak ? report.firstBreak.kind : 'checkpoint';
  console.error(
    `Audit chain BROKEN (${kind}), checked ${report.rowsChecked} rows and ${report.checkpointsChecked} checkpoints; first row named: ${report.firstBrokenSeq}.`,
  );
  process.exit(1);
}
const anchored = claimed ? `, extends checkpoint ${claimed.seq}:${claimed.hashPrefix}` : '';
console.log(
  `Audit chain intact: ${report.rowsChecked} rows, last seq ${report.lastSeq}, ${report.checkpointsChecked} checkpoints hold${anchored}.`,
);
