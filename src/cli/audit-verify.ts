import { describeChainBreak, verifyAuditChain } from '../audit/audit.service.js';
import { openRuntime } from '../runtime.js';

const { deps, handle } = await openRuntime(process.env);
const report = await verifyAuditChain(deps.db);
await handle.close();
if (report.firstBreak) {
  console.error(`审计链校验失败: ${describeChainBreak(report.firstBreak)}`);
  console.error(`Audit chain BROKEN (${report.firstBreak.kind}), checked ${report.rowsChecked} rows.`);
  process.exit(1);
}
console.log(`Audit chain intact: ${report.rowsChecked} rows, last seq ${report.lastSeq}.`);
