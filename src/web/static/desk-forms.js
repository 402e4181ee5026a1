// @ts-check
/** Each desk's form: what depends on the project or the household, and reading the values back. */
import { api, byId, html, setHtml } from './context.js';
import { flatPicker } from './flat-picker.js';

const AGENT_DOCUMENT = '授权委托书';

/**
 * @typedef {{ workflowId: string, householdId: string, code: string, headName: string, position: number, batch: number, stage: string, deskNumber: string, announcement?: string | null }} Call
 * @typedef {{ unitId: string, label: string, floor: number, layout: string, buildingArea: string, allowed: boolean, reason: string | null }} FlatOption
 * @typedef {{ prepare(projectId: string): Promise<void>, load(call: Call, roundId: string): Promise<void>, read(): Record<string, unknown>, missing(): string[] }} StageForm
 */

const input = (/** @type {string} */ id) => byId(id, HTMLInputElement);
const trimmed = (/** @type {string} */ id) => input(id).value.trim();

/** A refusal found before sending: shown like the API's own messages. */
function need(/** @type {string} */ id, /** @type {string} */ text) {
  input(id).focus();
  return new Error(text);
}

/** @returns {StageForm} */
function documentReview() {
  /** @type {string[]} */
  let checklist = [];
  const box = byId('checklist');
  const agent = input('agent');
  const render = () => {
    const items = agent.checked ? [...checklist, AGENT_DOCUMENT] : checklist;
    const ticked = new Set(
      [...box.querySelectorAll('input:checked')].map((el) => /** @type {HTMLInputElement} */ (el).value),
    );
    setHtml(
      box,
      html`<legend>已核验的材料（逐项勾选）</legend>${items.map(
        (item, i) =>
          html`<label class="check"><input type="checkbox" name="presented" id="doc-${i}" value="${item}"${ticked.has(item) && html` checked`}> ${item}</label>`,
      )}`,
    );
  };
  agent.addEventListener('change', render);
  byId('all-present').addEventListener('click', () => {
    for (const paper of byId('checklist').querySelectorAll('input[name=presented]'))
      if (paper instanceof HTMLInputElement) paper.checked = true;
  });
  const checked = () =>
    [...box.querySelectorAll('input[name=presented]:checked')].map((el) => /** @type {HTMLInputElement} */ (el).value);
  return {
    async prepare(projectId) {
      checklist = (await api(`/api/projects/${encodeURIComponent(projectId)}`)).documentChecklist;
      render();
    },
    async load() {
      agent.checked = false;
      byId('note', HTMLTextAreaElement).value = '';
      setHtml(box, html``);
      render();
    },
    read() {
      const note = byId('note', HTMLTextAreaElement).value.trim();
      return { presented: checked(), agent: agent.checked, ...(note ? { note } : {}) };
    },
    missing() {
      const all = agent.checked ? [...checklist, AGENT_DOCUMENT] : checklist;
      const have = new Set(checked());
      return all.filter((item) => !have.has(item));
    },
  };
}

/** @returns {StageForm} */
function idCheck() {
  const agentFields = byId('agent-fields');
  const toggle = () => {
    agentFields.hidden = !input('person-agent').checked;
  };
  input('person-head').addEventListener('change', toggle);
  input('person-agent').addEventListener('change', toggle);
  return {
    async prepare() {},
    async load() {
      input('person-head').checked = true;
      input('id-number').value = '';
      input('agent-name').value = '';
      toggle();
    },
    read() {
      const person = input('person-agent').checked ? 'agent' : 'head';
      const idNumber = trimmed('id-number');
      if (!idNumber) throw need('id-number', '请录入或读取到场人的身份证号');
      if (person === 'agent' && !trimmed('agent-name')) throw need('agent-name', '请填写代理人姓名');
      return person === 'agent' ? { person, idNumber, name: trimmed('agent-name') } : { person, idNumber };
    },
    missing: () => [],
  };
}

/**
 * Only the flats the household may take are offered, filtered and shown by floor (flats-view.js);
 * choosing one opens a confirmation dialog naming the household, whose button submits through
 * `confirm`, so a flat is never taken by a single stray click.
 * @param {(form: Record<string, unknown>) => Promise<void>} confirm
 * @returns {StageForm}
 */
function selection(confirm) {
  const list = byId('flat-list');
  const dialog = byId('flat-dialog', HTMLDialogElement);
  const picker = flatPicker(list, byId('flat-count'));
  /** @type {FlatOption | null} */
  let chosen = null;
  /** @type {Call | null} */
  let serving = null;
  list.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-unit]');
    if (!(button instanceof HTMLButtonElement)) return;
    chosen = JSON.parse(button.dataset.flat ?? 'null');
    if (!chosen || !serving) return;
    byId('flat-dialog-text').textContent =
      `为 ${serving.code}（户主 ${serving.headName}）选定 ${chosen.label}，${chosen.layout}，建筑面积 ${chosen.buildingArea} ㎡，${chosen.floor} 层。确认？`;
    dialog.showModal();
  });
  byId('flat-cancel').addEventListener('click', () => dialog.close());
  const yes = byId('flat-confirm', HTMLButtonElement);
  yes.addEventListener('click', async () => {
    if (!chosen || yes.disabled) return;
    yes.disabled = true;
    try {
      dialog.close();
      await confirm({ unitId: chosen.unitId });
    } finally {
      yes.disabled = false;
    }
  });
  return {
    async prepare() {},
    async load(call, roundId) {
      serving = call;
      setHtml(list, html`<p class="muted">正在读取可选房源…</p>`);
      /** @type {FlatOption[]} */
      const options = await api(
        `/api/rounds/${encodeURIComponent(roundId)}/households/${encodeURIComponent(call.householdId)}/options`,
      );
      picker.show(options);
    },
    read: () => {
      throw new Error('请点选房源');
    },
    missing: () => [],
  };
}

/** @returns {StageForm} */
function simple(/** @type {() => Record<string, unknown>} */ read, /** @type {() => void} */ reset) {
  return {
    async prepare() {},
    async load() {
      reset();
    },
    read,
    missing: () => [],
  };
}

const number = (/** @type {string} */ id, /** @type {string} */ label) => {
  const value = trimmed(id);
  if (!/^\d+$/.test(value)) throw need(id, `请填写${label}（整数）`);
  return Number(value);
};

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * @param {string} stage
 * @param {(form: Record<string, unknown>) => Promise<void>} submit used by 选房's confirmation dialog
 * @returns {StageForm}
 */
export function stageForm(stage, submit) {
  switch (stage) {
    case 'documentReview':
      return documentReview();
    case 'idCheck':
      return idCheck();
    case 'selection':
      return selection(submit);
    case 'signing':
      return simple(
        () => {
          const note = byId('note', HTMLTextAreaElement).value.trim();
          return note ? { note } : {};
        },
        () => {
          byId('note', HTMLTextAreaElement).value = '';
        },
      );
    case 'propertyRegistration':
      return simple(
        () => {
          const occupants = number('occupants', '入住人数');
          for (const [id, label] of [
            ['phone', '联系电话'],
            ['emergency-name', '紧急联系人姓名'],
            ['emergency-phone', '紧急联系人电话'],
            ['fee-start-date', '物业费起算日期'],
          ]) {
            if (!trimmed(id)) throw need(id, `请填写${label}`);
          }
          const plate = trimmed('vehicle-plate').toUpperCase();
          return {
            occupants,
            phone: trimmed('phone'),
            emergencyContact: { name: trimmed('emergency-name'), phone: trimmed('emergency-phone') },
            ...(plate ? { vehiclePlate: plate } : {}),
            feeStartDate: trimmed('fee-start-date'),
          };
        },
        () => {
          for (const id of ['occupants', 'phone', 'emergency-name', 'emergency-phone', 'vehicle-plate'])
            input(id).value = '';
          input('fee-start-date').value = today();
        },
      );
    case 'keyHandover':
      return simple(
        () => {
          const receiptNo = trimmed('receipt-no');
          const keys = number('keys', '钥匙把数');
          const accessCards = number('access-cards', '门禁卡张数');
          if (!receiptNo) throw need('receipt-no', '请填写签收单号');
          return { keys, accessCards, receiptNo };
        },
        () => {
          input('keys').value = '2';
          input('access-cards').value = '2';
          input('receipt-no').value = '';
        },
      );
    default:
      throw new Error(`未知的办理事项：${stage}`);
  }
}
