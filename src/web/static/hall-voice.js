// @ts-check
/**
 * Voice calling on the hall screen: a zh-CN voice where the browser has one, a two-tone chime otherwise.
 * The mute switch is remembered on this screen (localStorage), so a restarted kiosk stays as it was left.
 */

const MUTED_KEY = 'anju.hall.muted';

/** @typedef {{ position: number, maskedName: string, desk: string, stage: string }} Call */

/** The words spoken, as the desks say them: "请 第5号 王*庆 到 2号窗口 身份信息核对". @param {Call} call */
export function callText(call) {
  return `请 第${call.position}号 ${call.maskedName} 到 ${call.desk} ${call.stage}`;
}

function storedMuted() {
  try {
    return localStorage.getItem(MUTED_KEY) === '1';
  } catch {
    return false;
  }
}

/** @param {boolean} muted */
function storeMuted(muted) {
  try {
    localStorage.setItem(MUTED_KEY, muted ? '1' : '0');
  } catch {
    // A kiosk with storage switched off still mutes for this session.
  }
}

function chineseVoice() {
  if (!('speechSynthesis' in window)) return null;
  return (
    window.speechSynthesis.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith('zh')) ?? null
  );
}

/** @type {AudioContext | null} */
let audio = null;

function chime() {
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  const ctx = audio;
  // Browsers start audio suspended until someone touches the page; the mute switch counts.
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  [880, 660].forEach((frequency, i) => {
    const start = ctx.currentTime + i * 0.35;
    const tone = ctx.createOscillator();
    const gain = ctx.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.4, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
    tone.connect(gain).connect(ctx.destination);
    tone.start(start);
    tone.stop(start + 0.65);
  });
}

/** @param {Call} call */
function speak(call) {
  const voice = chineseVoice();
  if (!voice) {
    chime();
    return;
  }
  const utterance = new SpeechSynthesisUtterance(callText(call));
  utterance.lang = 'zh-CN';
  utterance.voice = voice;
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
}

/**
 * Wires the mute switch and returns what to do with a new call.
 * @param {HTMLButtonElement} button
 * @returns {(call: Call) => void}
 */
export function voiceCalling(button) {
  let muted = storedMuted();
  const show = () => {
    button.setAttribute('aria-pressed', String(!muted));
    button.textContent = muted ? '语音叫号：已静音' : '语音叫号：开';
    button.dataset.muted = muted ? 'true' : 'false';
  };
  button.addEventListener('click', () => {
    muted = !muted;
    storeMuted(muted);
    if (muted && 'speechSynthesis' in window) window.speechSynthesis.cancel();
    show();
  });
  // Voices load after the page on some browsers: asking once starts the load.
  if ('speechSynthesis' in window) window.speechSynthesis.getVoices();
  // Browsers play sound only after someone has touched the page: the first touch wakes the chime's audio.
  document.addEventListener(
    'pointerdown',
    () => {
      if (typeof AudioContext === 'undefined') return;
      audio ??= new AudioContext();
      void audio.resume().catch(() => undefined);
    },
    { once: true },
  );
  show();
  return (call) => {
    if (!muted) speak(call);
  };
}
