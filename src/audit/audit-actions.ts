/**
 * Every action the audit log records, and the words staff read for it. The one list: services write
 * only these, the audit page shows these labels, and a test makes each of them happen.
 */
export const auditActionLabels = {
  'agreement.generate': '生成协议',
  'agreement.regenerate': '重新生成协议',
  'agreement.resident_download': '居民下载协议',
  'agreement.signed_copy': '上传签字协议',
  'agreement.void': '作废协议',
  'audit.closing_report': '生成审计结项报告',
  'auth.failures_cleared': '清除登录失败记录',
  'auth.login': '登录',
  'building.create': '新建楼栋',
  'day.arrive': '签到',
  'day.arrive_again': '再次签到',
  'day.batch_open': '开放批次',
  'day.call': '叫号',
  'day.no_show': '过号未到',
  'day.recall': '重新叫号',
  'desk.sign_in': '窗口签入',
  'household.create': '新建安置户',
  'household.update': '修改安置户',
  'import.households': '导入安置户',
  'import.units': '导入房源',
  'keys.return': '钥匙退回',
  'project.create': '新建项目',
  'project.update': '修改项目',
  'round.auto_allocate': '自动分配',
  'round.close': '结束分房批次',
  'round.commit': '确定选房顺序',
  'round.create': '新建分房批次',
  'round.draw': '摇号',
  'round.forfeit': '放弃选房',
  'round.forfeit_statement': '上传放弃声明',
  'round.membership': '调整批次名单',
  'round.order': '设定选房顺序',
  'round.reinstate': '恢复选房资格',
  'selection.create': '选房',
  'selection.undo': '撤销选房',
  'staff.create': '新建工作人员账号',
  'staff.update': '修改工作人员账号',
  'stage.complete': '办结环节',
  'stage.reopen': '重办环节',
  'stage.return': '退回',
  'turn.bring_back': '恢复到场',
  'turn.mark_absent': '标记缺席',
  'turn.pass': '过号',
  'unit.create': '新建房源',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof auditActionLabels;

export const auditActions = Object.keys(auditActionLabels) as AuditAction[];
