import { useState } from 'react';
import { useT } from '../i18n/i18n';
import { formatElapsed, formatSimTime } from '../features/clock/format';
import { TimeTravel } from '../features/timetravel/TimeTravel';
import { useCluster } from '../state/cluster';
import { useSandbox } from '../state/sandbox';
import { Icon } from './icons';

export const SPEEDS = [1, 2, 10, 60] as const;
const FORWARD = [
  { label: '1m', ms: 60_000 },
  { label: '5m', ms: 300_000 },
  { label: '1h', ms: 3_600_000 },
];

/** The simulated clock and what moves it: play/pause, speed, step to the next event, fast-forward. */
export function ClockControls() {
  const t = useT();
  const clock = useCluster((s) => s.clock);
  const api = useSandbox((s) => s.api);
  const [lastSpeed, setLastSpeed] = useState(1);
  const [busy, setBusy] = useState(false);
  const speed = clock?.speed ?? 0;
  const paused = speed === 0;

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  const setSpeed = (s: number) => {
    if (s > 0) setLastSpeed(s);
    if (api) void act(() => api.setSpeed(s));
  };

  return (
    <fieldset className="clock">
      <legend className="visually-hidden">{t('clock.label')}</legend>
      <div className="clock-readout">
        <time className="clock-time" data-testid="sim-time" dateTime={clock ? new Date(clock.now).toISOString() : undefined} title={t('clock.label')}>
          {clock ? `${formatSimTime(clock.now)} UTC` : '—'}
        </time>
        <span className="clock-elapsed" data-testid="sim-elapsed">
          {clock ? t('clock.elapsed', { d: formatElapsed(clock.now - clock.createdAt) }) : ''}
          {paused && clock ? <span className="paused-tag"> · {t('clock.paused')}</span> : null}
        </span>
      </div>
      <TimeTravel />
      <button type="button" className="icon-button" onClick={() => setSpeed(paused ? lastSpeed : 0)} disabled={!api} aria-label={paused ? t('clock.play') : t('clock.pause')} title={paused ? t('clock.play') : t('clock.pause')} data-testid="play-pause">
        <Icon name={paused ? 'play' : 'pause'} />
      </button>
      <fieldset className="speeds">
        <legend className="visually-hidden">{t('clock.speed')}</legend>
        {SPEEDS.map((s) => (
          <label key={s} className={`speed${speed === s ? " on" : ""}`}>
            <input type="radio" name="speed" value={s} checked={speed === s} onChange={() => setSpeed(s)} disabled={!api} />
            {s}×
          </label>
        ))}
      </fieldset>
      <button type="button" className="icon-button" onClick={() => api && act(() => api.stepToNextEvent())} disabled={!api || busy} aria-label={t('clock.step')} title={t('clock.stepHint')}>
        <Icon name="step" />
      </button>
      <fieldset className="forward">
        <legend className="visually-hidden">{t('clock.forward')}</legend>
        <Icon name="forward" size={14} />
        {FORWARD.map((f) => (
          <button key={f.label} type="button" className="chip" onClick={() => api && act(() => api.advance(f.ms))} disabled={!api || busy} aria-label={t('clock.forwardBy', { d: f.label })} title={t('clock.forwardBy', { d: f.label })}>
            +{f.label}
          </button>
        ))}
      </fieldset>
    </fieldset>
  );
}
