// @ts-check
/**
 * An audit row's before/after as lines a supervisor reads ("联系电话：139…"), not JSON. Known fields
 * get their Chinese names, nested objects read as 规则·每批户数, statuses use the server's words.
 * Pure: no DOM, so it can be checked on its own.
 */
import {
  agreementStatusLabels,
  householdStatusLabels,
  roleLabels,
  roundHouseholdStatusLabels,
  roundStatusLabels,
  unitStatusLabels,
} from './labels.js';

/** Field names as the pages call them; anything else keeps its code. */
export const fieldLabels = Object.freeze({
  id: '编号',
  projectId: '项目编号',
  roundId: '选房轮次编号',
  householdId: '安置户编号',
  unitId: '房源编号',
  buildingId: '楼栋编号',
  zoneId: '安置区编号',
  entranceId: '单元编号',
  code: '代号/户号',
  name: '名称',
  officeName: '实施单位',
  status: '状态',
  statusText: '状态说明',
  reason: '原因',
  phone: '联系电话',
  notes: '备注',
  members: '家庭成员',
  demolishedAreaCenti: '被征收面积（㎡）',
  entitledAreaCenti: '应安置面积（㎡）',
  buildingAreaCenti: '建筑面积（㎡）',
  totalAreaCenti: '总建筑面积（㎡）',
  compensationAgreementNo: '补偿协议编号',
  compensationSignedAt: '补偿协议签订时间',
  transitionStartDate: '过渡开始日期',
  isElderly: '高龄',
  isDisabled: '残疾',
  isLowIncome: '低保',
  floor: '楼层',
  room: '房号',
  layout: '户型',
  floorsAbove: '地上层数',
  floorsBelow: '地下层数',
  zoneName: '安置区',
  entranceCount: '单元数',
  username: '用户名',
  displayName: '姓名',
  roles: '角色',
  active: '启用',
  allProjects: '服务全部项目',
  projectIds: '所服务的项目',
  orderMethod: '选房顺序',
  method: '方式',
  algorithm: '算法',
  rules: '规则',
  maxExcessCenti: '最多超出面积（㎡）',
  maxShortfallCenti: '最多低于面积（㎡）',
  priority: '优先选房',
  floorsAtMost: '楼层上限',
  flags: '优先条件',
  batchSize: '每批户数',
  unchosenOnClose: '结束时未选房的户',
  households: '参与户',
  units: '房源',
  listHash: '名单哈希',
  commitment: '承诺值',
  secret: '密钥',
  publicValue: '公开随机值',
  seed: '种子',
  order: '选房顺序',
  committedAt: '承诺公布时间',
  orderedAt: '顺序确定时间',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  documentChecklist: '材料审核清单',
  settlementRules: '面积差价规则',
  transitionRules: '过渡费规则',
  stage: '事项',
  desk: '窗口',
  source: '来源',
});

/** Status words by the kind of object a row is about. @type {Record<string, Readonly<Record<string, string>>>} */
const statusWords = {
  household: householdStatusLabels,
  round: roundStatusLabels,
  unit: unitStatusLabels,
  agreement: agreementStatusLabels,
  roundHousehold: roundHouseholdStatusLabels,
};
const orderMethods = { lottery: '摇号', signing_time: '按签约时间（先签先选）', imported: '导入顺序' };
/** Coded values by field, beside the statuses. @type {Record<string, Readonly<Record<string, string>>>} */
const valueWords = {
  orderMethod: orderMethods,
  method: orderMethods,
  unchosenOnClose: { deemed_forfeit: '视为放弃', keep_right: '保留选房权' },
  flags: { elderly: '高龄', disabled: '残疾' },
  roles: roleLabels,
};
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** @param {string} iso */
const beijingTime = (iso) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const MAX_LINES = 24;
const MAX_VALUE = 80;
const MAX_ITEMS = 12;

/** @param {string} key @param {unknown} value @param {string} entityType @returns {string} */
function valueText(key, value, entityType) {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return key.endsWith('Centi') ? (value / 100).toFixed(2) : String(value);
  const words = valueWords[key];
  if (Array.isArray(value)) {
    if (value.some((v) => typeof v === 'object' && v !== null)) return `${value.length} 项`;
    const shown = value.slice(0, MAX_ITEMS).map((v) => words?.[String(v)] ?? String(v));
    if (value.length > MAX_ITEMS) return `${shown.join('、')} 等，共 ${value.length} 项`;
    return shown.join('、') || '（无）';
  }
  const text = String(value);
  if (key === 'status') return statusWords[entityType]?.[text] ?? text;
  if (words) return words[text] ?? text;
  if (ISO_TIME.test(text)) return beijingTime(text);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/**
 * One "字段：值" line per leaf, nested names joined with "·"; long payloads are cut with a count.
 * @param {unknown} payload @param {string} entityType @returns {string[]}
 */
export function changeLines(payload, entityType) {
  if (payload === null || payload === undefined) return [];
  if (typeof payload !== 'object' || Array.isArray(payload)) return [valueText('', payload, entityType)];
  /** @type {string[]} */
  const lines = [];
  /** @param {Record<string, unknown>} object @param {string} prefix */
  const walk = (object, prefix) => {
    for (const [key, value] of Object.entries(object)) {
      const name = `${prefix}${fieldLabels[/** @type {keyof typeof fieldLabels} */ (key)] ?? key}`;
      if (value && typeof value === 'object' && !Array.isArray(value))
        walk(/** @type {Record<string, unknown>} */ (value), `${name}·`);
      else lines.push(`${name}：${valueText(key, value, entityType)}`);
    }
  };
  walk(/** @type {Record<string, unknown>} */ (payload), '');
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `……另有 ${lines.length - MAX_LINES} 项`] : lines;
}
