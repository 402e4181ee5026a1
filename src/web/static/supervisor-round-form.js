// @ts-check
/** 新建选房轮次: the round form, with the rules the API accepts (priority by floor, the order method). */
import { api, busy, byId, say } from './context.js';

const priorityGroups = { elderly: '高龄户', disabled: '残疾户' };

/** The priority rule as the round's facts show it. @param {{ floorsAtMost: number, flags: string[] } | null | undefined} priority */
export const priorityText = (priority) =>
  priority
    ? `${priority.flags.map((f) => priorityGroups[/** @type {keyof typeof priorityGroups} */ (f)] ?? f).join('、')}优先选择 ${priority.floorsAtMost} 层及以下房源`
    : '不设';

/** 高龄/残疾户优先选择 K 层及以下房源: none unless a group is ticked, then K is required. */
function priorityRule() {
  const flags = ['elderly', 'disabled'].filter((flag) => byId(`priority-${flag}`, HTMLInputElement).checked);
  if (flags.length === 0) return null;
  const floors = byId('priority-floors', HTMLInputElement).value.trim();
  if (!/^\d{1,3}$/.test(floors) || Number(floors) < 1)
    throw new Error('已勾选优先户：请填写优先户可选楼层上限（1 以上的整数）');
  return { floorsAtMost: Number(floors), flags };
}

/**
 * Sends the form to the API and hands the new round to `created`.
 * @param {() => string} projectId
 * @param {(round: { id: string, name: string }) => Promise<void>} created
 */
export function wireRoundForm(projectId, created) {
  byId('round-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(byId('round-create', HTMLButtonElement), async () => {
      const excess = byId('max-excess', HTMLInputElement).value.trim();
      if (!/^\d+(\.\d{1,2})?$/.test(excess)) throw new Error('最多超出面积请填写数字，最多两位小数，如 40.00');
      const body = {
        name: byId('round-name', HTMLInputElement).value.trim(),
        orderMethod: byId('order-method', HTMLSelectElement).value,
        rules: {
          maxExcessCenti: Math.round(Number(excess) * 100),
          maxShortfallCenti: null,
          priority: priorityRule(),
          batchSize: Number(byId('batch-size', HTMLInputElement).value),
        },
      };
      /** @type {{ id: string, name: string, households: number, units: number }} */
      const round = await api(`/api/projects/${encodeURIComponent(projectId())}/rounds`, { method: 'POST', body });
      await created(round);
      say(`已新建选房轮次“${round.name}”：${round.households} 户、${round.units} 套房源`, 'ok');
    });
  });
}
