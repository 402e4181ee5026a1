import { loadDemo } from '../demo/demo.service.js';
import { openRuntime } from '../runtime.js';
import { roleLabels, systemActor } from '../shared/roles.js';
import { parseArgs } from './args.js';

const { deps, handle } = await openRuntime(process.env);
try {
  const resetPasswords = parseArgs(process.argv.slice(2)).has('reset-passwords');
  const result = await loadDemo(deps, systemActor('demo'), { resetPasswords });
  console.log(
    result.projectCreated
      ? '已创建演示项目：范家湾城中村改造项目 · 安置B区7#楼（96 套房源，96 户安置户）'
      : '演示项目已存在，未重复创建。',
  );
  console.log(`projectId: ${result.projectId}\n`);
  console.log('演示账号 (username / role / password):');
  for (const s of result.staff) {
    const password = s.password ?? '(unchanged; `npm run demo -- --reset-passwords` issues new ones)';
    console.log(`  ${s.username.padEnd(16)} ${s.role.padEnd(15)} ${roleLabels[s.role]}  ${password}`);
  }
} finally {
  await handle.close();
}
