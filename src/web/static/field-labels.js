// @ts-check
/**
 * The one place where the API's `field` paths (form.emergencyContact.phone) become the labels the
 * desk forms show (紧急联系人电话), and where each path's input is found to put the cursor back.
 */

/** @type {Record<string, { label: string, input?: string }>} */
const fields = {
  'form.presented': { label: '已核验的材料' },
  'form.agent': { label: '委托代理人办理', input: 'agent' },
  'form.note': { label: '备注', input: 'note' },
  'form.person': { label: '到场人', input: 'person-head' },
  'form.idNumber': { label: '到场人居民身份证号码', input: 'id-number' },
  'form.name': { label: '代理人姓名', input: 'agent-name' },
  'form.unitId': { label: '房源' },
  'form.occupants': { label: '入住人数', input: 'occupants' },
  'form.phone': { label: '联系电话', input: 'phone' },
  'form.emergencyContact.name': { label: '紧急联系人姓名', input: 'emergency-name' },
  'form.emergencyContact.phone': { label: '紧急联系人电话', input: 'emergency-phone' },
  'form.emergencyContact': { label: '紧急联系人' },
  'form.vehiclePlate': { label: '车牌号', input: 'vehicle-plate' },
  'form.feeStartDate': { label: '物业费起算日期', input: 'fee-start-date' },
  'form.keys': { label: '钥匙（把）', input: 'keys' },
  'form.accessCards': { label: '门禁卡（张）', input: 'access-cards' },
  'form.receiptNo': { label: '签收单号', input: 'receipt-no' },
  form: { label: '办理表单' },
  reason: { label: '原因' },
  deskNumber: { label: '窗口号', input: 'desk-number' },
  file: { label: '签字件文件' },
  agreementId: { label: '协议' },
};

// Longest first, so form.emergencyContact.phone is replaced before form.emergencyContact.
const paths = Object.keys(fields).sort((a, b) => b.length - a.length);
const escaped = (/** @type {string} */ path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyPath = new RegExp(`(?<![\\w.])(?:${paths.map(escaped).join('|')})(?![\\w.])`, 'g');

/** The Chinese label of an API field path; an unknown path is returned as it is. */
export const fieldLabel = (/** @type {string} */ path) => fields[path]?.label ?? path;

/** An API message with every field path in it spoken as its label. */
export const withLabels = (/** @type {string} */ message) =>
  message.replace(anyPath, (path) => `“${fieldLabel(path)}”`);

/** The input on this page for an API field path, if there is one. */
export function fieldInput(/** @type {string | undefined} */ path) {
  const id = path ? fields[path]?.input : undefined;
  const el = id ? document.getElementById(id) : null;
  return el instanceof HTMLElement ? el : null;
}
