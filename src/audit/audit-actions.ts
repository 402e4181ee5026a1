import type { AuditPayloads } from './audit-payloads.js';

/**
 * Every action the audit log records, and the words staff read for it. The one list: services write
 * only these, the audit page shows these labels, and a test makes each of them happen. The labels
 * must name exactly the actions of `AuditPayloads`: one missing or one extra does not compile.
 */
export const auditActionLabels = {
  'agreement.generate': '生成协议',
  'agreement.regenerate': '重新生成协议',
  'agreement.resident_download': '居民下载协议',
  'agreement.signed_copy': '上传签字协议',
  'agreement.void': '作废协议',
  'audit.closing_report': '生成日终报告',
  'auth.failures_cleared': '清除登录失败记录',
  'auth.login': '登录',
  'building.create': '新建楼栋',
  'day.arrive': '签到',
  'day.arrive_again': '再次签到',
  'day.batch_open': '开放批次',
  'day.call': '叫号',
  'day.no_show': '叫号未到',
  'day.recall': '回到队列',
  'desk.sign_in': '登录窗口',
  'household.create': '新建安置户',
  'household.update': '修改安置户',
  'import.households': '导入安置户',
  'import.units': '导入房源',
  'keys.return': '钥匙退回',
  'project.create': '新建项目',
  'project.update': '修改项目',
  'round.auto_allocate': '自动分配',
  'round.close': '结束选房轮次',
  'round.commit': '公布摇号承诺值',
  'round.create': '新建选房轮次',
  'round.draw': '摇号',
  'round.forfeit': '放弃选房',
  'round.forfeit_statement': '上传放弃声明',
  'round.membership': '调整轮次名单',
  'round.order': '确定选房顺序',
  'round.reinstate': '恢复选房资格',
  'selection.create': '选房',
  'selection.undo': '撤销选房',
  'staff.create': '新建工作人员账号',
  'staff.update': '修改工作人员账号',
  'stage.complete': '办理完成',
  'stage.reopen': '重开事项',
  'stage.return': '退回',
  'turn.bring_back': '回到选房队列',
  'turn.mark_absent': '登记未到场',
  'turn.pass': '过号',
  'unit.create': '新建房源',
} as const satisfies Record<keyof AuditPayloads, string>;

export type AuditAction = keyof typeof auditActionLabels;

export const auditActions = Object.keys(auditActionLabels) as AuditAction[];
