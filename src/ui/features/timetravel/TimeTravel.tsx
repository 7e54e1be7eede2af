import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useCluster } from '../../state/cluster';
import { useSandbox } from '../../state/sandbox';
import { formatElapsed, formatSimTime } from '../clock/format';
import { shownIndex, useTimeTravel } from './state';
import './timetravel.css';

/**
 * The scrubber: go back to a kept moment and look around read-only (graph, inspector, events and
 * kubectl show that moment), then return to now or branch from there.
 */
export function TimeTravel() {
  const t = useT();
  const api = useSandbox((s) => s.api);
  const { times, viewing, busy, refresh, travel, returnToNow, branch } = useTimeTravel();
  const createdAt = useCluster((s) => s.clock?.createdAt ?? 0);
  const [open, setOpen] = useState(false);
  const [pick, setPick] = useState<number>();
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    if (open) void refresh();
  }, [open, refresh]);

  const index = pick ?? shownIndex(times, viewing);
  const shownAt = viewing ?? times[index];
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  // Moving the thumb shows each moment it stops on (a short pause first: dragging passes many).
  const scrub = (i: number) => {
    setPick(i);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setPick(undefined);
      void travel(times[i]);
    }, 120);
  };

  return (
    <div className={`timetravel${viewing !== undefined ? ' in-past' : ''}`}>
      <button
        ref={toggle}
        type="button"
        className={`icon-button${open || viewing !== undefined ? ' on' : ''}`}
        aria-expanded={open || viewing !== undefined}
        aria-controls={panelId}
        aria-label={t('timetravel.open')}
        title={t('timetravel.open')}
        disabled={!api}
        onClick={() => (viewing !== undefined ? undefined : setOpen(!open))}
        data-testid="timetravel-toggle"
      >
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
          <path d="M3 3v5h5" />
          <path d="M12 7v5l3 2" />
        </svg>
      </button>
      {open || viewing !== undefined ? (
        <fieldset
          id={panelId}
          className="timetravel-panel"
          data-testid="timetravel"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && viewing === undefined) close();
          }}
        >
          <legend className="visually-hidden">{t('timetravel.label')}</legend>
          {times.length > 1 ? (
            <label className="timetravel-scrub">
              <span>{t('timetravel.scrub')}</span>
              <input
                type="range"
                min={0}
                max={times.length - 1}
                step={1}
                value={index}
                onChange={(e) => scrub(Number(e.target.value))}
                aria-valuetext={times[index] !== undefined ? `${formatSimTime(times[index])} UTC` : undefined}
                data-testid="timetravel-scrubber"
              />
              <output className="num">{times[index] !== undefined ? `${formatSimTime(times[index])} · ${formatElapsed(times[index] - createdAt)}` : ''}</output>
            </label>
          ) : (
            <p className="muted">{t('timetravel.none')}</p>
          )}
          {viewing !== undefined ? (
            <div className="timetravel-past" role="status" data-testid="timetravel-status">
              <strong>{t('timetravel.viewing', { t: `${formatSimTime(shownAt)} UTC` })}</strong>
              <div className="timetravel-actions">
                <button type="button" className="primary" disabled={busy} onClick={() => void returnToNow().then(close)} data-testid="timetravel-return">
                  {t('timetravel.return')}
                </button>
                <button type="button" disabled={busy} onClick={() => void branch().then(close)} title={t('timetravel.branchHint')} data-testid="timetravel-branch">
                  {t('timetravel.branch')}
                </button>
              </div>
            </div>
          ) : null}
        </fieldset>
      ) : null}
    </div>
  );
}
