// @ts-check
/** 安置户: search by 户号, name or ID number; correct a file with a reason that goes to the audit log. */
import { api, busy, byId, failed, html, pickContext, say, setHtml, table } from './context.js';
import { householdStatusLabels } from './labels.js';

/**
 * @typedef {{ id: string, code: string, headName: string, phone: string | null, demolishedArea: string, entitledArea: string, compensationAgreementNo: string | null, flags: { elderly: boolean, disabled: boolean, lowIncome: boolean }, notes: string, status: string, members: { name: string }[] }} Household
 */

let projectId = '';
/** @type {Household[]} */
let shown = [];
/** @type {Household | null} */
let editing = null;

const input = (/** @type {string} */ id) => byId(id, HTMLInputElement);

async function search() {
  if (!projectId) return;
  const q = input('q').value.trim();
  const result = await api(
    `/api/projects/${encodeURIComponent(projectId)}/households?limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}`,
  );
  shown = result.items;
  // total counts every match; the list shows at most one page of them.
  byId('total').textContent =
    `共 ${result.total} 户${result.total > shown.length ? `，显示前 ${shown.length} 户，请输入条件缩小范围` : ''}`;
  const flags = (/** @type {Household} */ h) =>
    [h.flags.elderly && '高龄', h.flags.disabled && '残疾', h.flags.lowIncome && '低保'].filter(Boolean).join('、');
  setHtml(
    byId('household-list'),
    table(
      ['户号', '户主', '人数', '被征收面积', '应安置面积', '联系电话', '优先', '状态', ''],
      shown.map((h, i) => [
        h.code,
        h.headName,
        h.members.length,
        h.demolishedArea,
        h.entitledArea,
        h.phone ?? '',
        flags(h),
        householdStatusLabels[h.status] ?? h.status,
        html`<button type="button" class="secondary small" data-edit="${i}" aria-label="更正 ${h.code}">更正</button>`,
      ]),
      '没有找到安置户',
    ),
  );
}

function openEditor(/** @type {Household} */ h) {
  editing = h;
  byId('edit-title').textContent = `更正档案：${h.code} ${h.headName}`;
  input('edit-phone').value = h.phone ?? '';
  input('edit-demolished').value = h.demolishedArea;
  input('edit-entitled').value = h.entitledArea;
  input('edit-agreement-no').value = h.compensationAgreementNo ?? '';
  input('edit-elderly').checked = h.flags.elderly;
  input('edit-disabled').checked = h.flags.disabled;
  input('edit-low-income').checked = h.flags.lowIncome;
  byId('edit-notes', HTMLTextAreaElement).value = h.notes;
  input('edit-reason').value = '';
  byId('edit-card').hidden = false;
  input('edit-phone').focus();
}

/** Only what changed is sent, so the audit row shows exactly the correction. */
function changes(/** @type {Household} */ h) {
  /** @type {Record<string, unknown>} */
  const out = {};
  const phone = input('edit-phone').value.trim();
  if (phone !== (h.phone ?? '')) out.phone = phone || null;
  const demolished = input('edit-demolished').value.trim();
  if (demolished !== h.demolishedArea) out.demolishedArea = demolished;
  const entitled = input('edit-entitled').value.trim();
  if (entitled !== h.entitledArea) out.entitledArea = entitled;
  const agreementNo = input('edit-agreement-no').value.trim();
  if (agreementNo !== (h.compensationAgreementNo ?? '')) out.compensationAgreementNo = agreementNo || null;
  const flags = {
    elderly: input('edit-elderly').checked,
    disabled: input('edit-disabled').checked,
    lowIncome: input('edit-low-income').checked,
  };
  if (flags.elderly !== h.flags.elderly || flags.disabled !== h.flags.disabled || flags.lowIncome !== h.flags.lowIncome)
    out.flags = flags;
  const notes = byId('edit-notes', HTMLTextAreaElement).value;
  if (notes !== h.notes) out.notes = notes;
  return out;
}

byId('household-list').addEventListener('click', (event) => {
  const button = /** @type {HTMLElement} */ (event.target).closest('button[data-edit]');
  const h = button instanceof HTMLButtonElement ? shown[Number(button.dataset.edit)] : undefined;
  if (h) openEditor(h);
});
byId('search-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('search', HTMLButtonElement), search);
});
byId('edit-cancel').addEventListener('click', () => {
  byId('edit-card').hidden = true;
  editing = null;
});
byId('edit-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('edit-save', HTMLButtonElement), async () => {
    if (!editing) return;
    const body = changes(editing);
    if (Object.keys(body).length === 0) throw new Error('没有修改任何内容');
    const reason = input('edit-reason').value.trim();
    if (reason.length < 2) {
      input('edit-reason').focus();
      throw new Error('请填写修改原因');
    }
    /** @type {Household} */
    const saved = await api(`/api/households/${encodeURIComponent(editing.id)}`, {
      method: 'PATCH',
      body: { ...body, reason },
    });
    byId('edit-card').hidden = true;
    editing = null;
    say(`已更正 ${saved.code} 的档案，原因已记入审计日志`, 'ok');
    await search();
  });
});

try {
  const context = await pickContext(
    (ids) => {
      projectId = ids.projectId;
      byId('edit-card').hidden = true;
      search().catch(failed);
    },
    { rounds: false },
  );
  projectId = context.current().projectId;
  await search();
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
