import type { Event } from 'kubernetes-types/core/v1';
import { useMemo, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { formatAge } from '../clock/format';
import { tableOf, useCluster } from '../../state/cluster';
import { useThrottled } from '../../state/throttle';
import { resourceOfKind, useUi } from '../../state/ui';
import { lastSeen, objectRef, recentEvents } from './events';

/** The cluster's event stream, newest first, as `kubectl get events` shows it. */
export function EventsPane() {
  const t = useT();
  const events = useThrottled(
    useCluster((s) => tableOf(s.objects, 'events')),
    500,
  );
  // Ages are shown to the second: re-render once a simulated second, not on every clock batch.
  const now = useCluster((s) => Math.floor(s.now / 1000) * 1000);
  const namespace = useUi((s) => s.namespace);
  const select = useUi((s) => s.select);
  const [warningsOnly, setWarningsOnly] = useState(false);
  const list = useMemo(() => recentEvents(events.values(), { warningsOnly, namespace: namespace || undefined }), [events, warningsOnly, namespace]);

  const inspect = (e: Event) => {
    const o = e.involvedObject;
    const resource = o?.kind ? resourceOfKind(o.kind) : undefined;
    if (resource && o?.name) select({ resource, kind: o.kind as string, namespace: o.namespace, name: o.name });
  };

  return (
    <div className="events">
      <div className="pane-tools">
        <label className="check">
          <input type="checkbox" checked={warningsOnly} onChange={(e) => setWarningsOnly(e.target.checked)} />
          {t('events.warningsOnly')}
        </label>
      </div>
      {list.length === 0 ? (
        <p className="empty">{t('events.empty')}</p>
      ) : (
        <div className="table-scroll">
          <ul className="event-rows" data-testid="events-list" aria-label={t('pane.events')}>
            {list.map((e) => (
              <li key={`${e.metadata?.namespace}/${e.metadata?.name}`} className={e.type === 'Warning' ? 'warning' : ''}>
                <span className="age" title={t('events.lastSeen')}>
                  {formatAge(now - lastSeen(e))}
                </span>
                <span className="head">
                  <span className="type">{e.type}</span>
                  <span className="reason">{e.reason}</span>
                  <button type="button" className="link" onClick={() => inspect(e)}>
                    {objectRef(e)}
                  </button>
                  {(e.count ?? 1) > 1 ? <span className="muted">×{e.count}</span> : null}
                </span>
                <span className="msg">{e.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
