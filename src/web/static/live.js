// @ts-check
/** Public screens follow a round over server-sent events; EventSource reconnects by itself. */

/**
 * @typedef {{ unitId: string, label: string, zone: string, building: string, entrance: number, floor: number, room: string, layout: string, buildingArea: string, status: string }} PublicUnit
 * @typedef {{ project: string, round: string, units: PublicUnit[] }} PublicUnits
 */

/**
 * @param {string} roundId
 * @param {HTMLElement | null} stateEl where to say whether the screen is live
 * @param {Record<string, (data: never) => void>} handlers by event name: snapshot, unit, turn, call, progress; each
 *   handler names the shape it reads (the server's event types), so the parsed JSON is handed over as that
 * @returns {EventSource}
 */
export function followRound(roundId, stateEl, handlers) {
  const source = new EventSource(`/public/rounds/${encodeURIComponent(roundId)}/events`);
  /** @param {string} text @param {string} kind */
  const state = (text, kind) => {
    if (!stateEl) return;
    stateEl.textContent = text;
    stateEl.dataset.state = kind;
  };
  source.addEventListener('open', () => state('● 实时更新', 'live'));
  source.addEventListener('error', () => state('连接中断，正在重连…', 'down'));
  for (const [name, handle] of Object.entries(handlers)) {
    source.addEventListener(name, (event) => {
      const data = JSON.parse(/** @type {MessageEvent<string>} */ (event).data);
      handle(/** @type {never} */ (data));
    });
  }
  window.addEventListener('pagehide', () => source.close());
  return source;
}

/**
 * Public JSON without the staff helper's login redirect.
 * @param {string} url
 * @returns {Promise<any>}
 */
export async function getPublic(url) {
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const data = await res.json();
  if (!res.ok) throw new Error(data && typeof data.message === 'string' ? data.message : `请求失败（${res.status}）`);
  return data;
}

/** @param {string} area "89.52" → 8952 */
export function centi(area) {
  const [whole = '0', fraction = ''] = area.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

/** @param {number} floor */
export function floorName(floor) {
  return floor < 0 ? `地下${-floor}层` : `${floor}层`;
}

/** @param {string} status */
export function statusName(status) {
  return status === 'available' ? '可选' : status === 'allocated' ? '已选' : status === 'reserved' ? '保留' : status;
}

/** Brief highlight of something that just changed; restarts the animation when it changes again. @param {HTMLElement} el */
export function flash(el) {
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
}
