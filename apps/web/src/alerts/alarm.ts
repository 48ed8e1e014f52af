// The loud part: a siren made with WebAudio (no sound file to download) and the phone's vibration.
// Browsers allow sound only after a tap on the page, so unlock() is called from the first tap.

let ctx: AudioContext | null = null;
let stopAt: (() => void) | null = null;

/** Makes the audio context from a user gesture, so a later alarm may sound. Precondition: inside a tap handler. */
export function unlockAudio(): void {
  try {
    ctx ??= new AudioContext();
    void ctx.resume();
  } catch {
    ctx = null; // no WebAudio: vibration and the screen still warn
  }
}

/** True once sound may play. Precondition: none. */
export const audioReady = (): boolean => ctx !== null && ctx.state === 'running';

/** Sounds a rising and falling siren for seconds (or until stopAlarm) and vibrates. Precondition: none. */
export function soundAlarm(seconds = 60): void {
  stopAlarm();
  navigator.vibrate?.(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 700 : 300)));
  if (!ctx) return;
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  const t0 = ctx.currentTime;
  osc.type = 'sawtooth';
  // A wail: 600 Hz to 1300 Hz and back every 2 s, the sound of a civil-defence siren.
  for (let t = 0; t < seconds; t += 2) {
    osc.frequency.setValueAtTime(600, t0 + t);
    osc.frequency.linearRampToValueAtTime(1300, t0 + t + 1);
    osc.frequency.linearRampToValueAtTime(600, t0 + t + 2);
  }
  gain.gain.value = 0.9;
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(t0 + seconds);
  stopAt = () => {
    try {
      osc.stop();
    } catch {
      // already stopped
    }
  };
}

/** Silences the siren and the vibration. Precondition: none. */
export function stopAlarm(): void {
  stopAt?.();
  stopAt = null;
  navigator.vibrate?.(0);
}
