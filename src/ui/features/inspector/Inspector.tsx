import type { Event } from 'kubernetes-types/core/v1';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { Icon } from '../../shell/icons';
import { tableOf, useCluster } from '../../state/cluster';
import { runCommand } from '../../state/sandbox';
import { useThrottled } from '../../state/throttle';
import { type InspectorTab, type Selection, useUi } from '../../state/ui';
import { formatAge } from '../clock/format';
import { useEditorText } from '../editor/state';
import { eventsFor, lastSeen } from '../events/events';
import { describeCommand, yamlCommand } from './commands';

interface Output {
  command: string;
  text: string;
  error: boolean;
}

/** Run a kubectl command for the inspector again whenever `version` changes (debounced a little). */
function useKubectl(command: string | undefined, version: string): Output | undefined {
  const [out, setOut] = useState<Output>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the trigger: the object or its events changed.
  useEffect(() => {
    if (!command) return;
    let live = true;
    const id = setTimeout(async () => {
      const r = await runCommand(command);
      if (live) setOut({ command, text: r.stdout || r.stderr, error: r.exitCode !== 0 });
    }, 150);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [command, version]);
  return out?.command === command ? out : undefined;
}

function selectionKey(s: Selection): string {
  return s.namespace ? `${s.namespace}/${s.name}` : s.name;
}

export function Inspector() {
  const t = useT();
  const selection = useUi((s) => s.selection);
  const tab = useUi((s) => s.inspectorTab);
  const set = useUi((s) => s.set);
  const select = useUi((s) => s.select);
  const object = useCluster((s) => (selection ? tableOf(s.objects, selection.resource).get(selectionKey(selection)) : undefined));
  const events = useThrottled(
    useCluster((s) => tableOf(s.objects, 'events')),
    500,
  );
  const now = useCluster((s) => Math.floor(s.now / 1000) * 1000);
  const related = useMemo(
    () => (selection ? eventsFor(events.values(), { kind: selection.kind, name: selection.name, namespace: selection.namespace, uid: object?.metadata?.uid }) : []),
    [events, selection, object?.metadata?.uid],
  );
  const version = `${object?.metadata?.resourceVersion ?? 'gone'}:${related.length}:${related.at(-1)?.metadata?.resourceVersion ?? ''}`;
  const describe = useKubectl(selection && tab === 'describe' ? describeCommand(selection) : undefined, version);
  const yaml = useKubectl(selection && tab === 'yaml' ? yamlCommand(selection) : undefined, version);
  const openInEditor = useEditorText((s) => s.open);
  const editLive = useEditorText((s) => s.edit);

  if (!selection) return <p className="empty inspector-empty">{t('inspector.none')}</p>;

  const tabs: InspectorTab[] = ['describe', 'yaml', 'events'];
  const label: Record<InspectorTab, string> = { describe: t('inspector.describe'), yaml: t('inspector.yaml'), events: `${t('inspector.events')} (${related.length})` };
  const current = tab === 'describe' ? describe : tab === 'yaml' ? yaml : undefined;

  return (
    <div className="inspector" data-testid="inspector">
      <div className="inspector-head">
        <span className="kind-badge">{selection.kind}</span>
        <h3 className="inspector-title" title={selectionKey(selection)}>
          {selection.name}
        </h3>
        {selection.namespace ? <span className="muted">{selection.namespace}</span> : null}
        {object ? (
          <button type="button" className="chip" onClick={() => void editLive({ kind: selection.kind, name: selection.name, namespace: selection.namespace })} title={t('inspector.editLiveHint')} data-testid="inspector-edit">
            <Icon name="edit" size={12} /> {t('inspector.editLive')}
          </button>
        ) : null}
        <button type="button" className="icon-button" onClick={() => select(undefined)} aria-label={t('inspector.close')} title={t('inspector.close')}>
          <Icon name="close" />
        </button>
      </div>
      {!object ? <p className="notice">{t('inspector.gone')}</p> : null}
      <div className="tabs" role="tablist" aria-label={t('pane.inspector')}>
        {tabs.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`inspector-tab-${k}`}
            aria-selected={tab === k}
            aria-controls="inspector-panel"
            tabIndex={tab === k ? 0 : -1}
            className={`tab${tab === k ? ' on' : ''}`}
            onClick={() => set({ inspectorTab: k })}
            onKeyDown={(e) => {
              const i = tabs.indexOf(k);
              const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : undefined;
              if (next) {
                set({ inspectorTab: next });
                document.getElementById(`inspector-tab-${next}`)?.focus();
              }
            }}
          >
            {label[k]}
          </button>
        ))}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the panel scrolls; keyboard users need to reach it to scroll it. */}
      <div id="inspector-panel" role="tabpanel" aria-labelledby={`inspector-tab-${tab}`} className="inspector-body" tabIndex={0}>
        {tab === 'events' ? (
          related.length ? (
            <ul className="event-list">
              {related.map((e: Event) => (
                <li key={e.metadata?.name} className={e.type === 'Warning' ? 'warning' : ''}>
                  <span className="muted num">{formatAge(now - lastSeen(e))}</span> <strong>{e.reason}</strong> {e.message}
                  {(e.count ?? 1) > 1 ? <span className="muted"> (×{e.count})</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t('inspector.noEvents')}</p>
          )
        ) : (
          <>
            <div className="command-line">
              <code>$ {tab === 'describe' ? describeCommand(selection) : yamlCommand(selection)}</code>
              {tab === 'yaml' && yaml && !yaml.error ? (
                <button type="button" className="chip" onClick={() => openInEditor(yaml.text)}>
                  <Icon name="edit" size={12} /> {t('inspector.edit')}
                </button>
              ) : null}
            </div>
            {current ? (
              <pre className={`kubectl-output${current.error ? ' stderr' : ''}`} data-testid={`inspector-${tab}`}>
                {current.text}
              </pre>
            ) : (
              <p className="muted">{t('inspector.loading')}</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}

