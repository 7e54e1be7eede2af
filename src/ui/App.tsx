import { lazy, type ReactNode, Suspense, useEffect, useRef } from 'react';
import { EventsPane } from './features/events/EventsPane';
import { UpdatePrompt } from './features/sandboxes/UpdatePrompt';
import { Inspector } from './features/inspector/Inspector';
import { LessonPanel } from './features/lessons/LessonPanel';
import { Terminal } from './features/terminal/Terminal';
import { Topology } from './features/topology/Topology';
import { useLang, useT } from './i18n/i18n';
import type { MessageKey } from './i18n/messages';
import { Header } from './shell/Header';
import { Splitters } from './shell/Splitters';
import { StorageBanner } from './shell/StorageStatus';
import { connect, useSandbox } from './state/sandbox';
import { useUi } from './state/ui';

// Monaco is large: its chunk loads the first time the editor is opened, never at start.
const EditorPane = lazy(() => import('./features/editor/EditorPane'));

function Pane({ id, title, className, children, actions }: { id: string; title: MessageKey; className: string; children: ReactNode; actions?: ReactNode }) {
  const t = useT();
  return (
    <section className={`pane ${className}`} aria-labelledby={`${id}-title`}>
      <div className="pane-head">
        <h2 id={`${id}-title`}>{t(title)}</h2>
        {actions}
      </div>
      <div className="pane-body">{children}</div>
    </section>
  );
}

export function App() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const editorOpen = useUi((s) => s.editorOpen);
  const phase = useSandbox((s) => s.phase);
  const error = useSandbox((s) => s.error);
  const workbench = useRef<HTMLElement>(null);

  useEffect(() => connect(), []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <div className="app">
      <Header />
      <StorageBanner />
      <UpdatePrompt />
      <LessonPanel />
      {phase === 'failed' ? (
        <div className="banner error" role="alert">
          {t('app.failed')}: {error}
        </div>
      ) : null}
      <main className={`workbench${editorOpen ? ' with-editor' : ''}`} ref={workbench}>
        <Pane id="topology" title="pane.topology" className="topology">
          {phase === 'starting' ? <p className="starting">{t('app.starting')}</p> : <Topology />}
        </Pane>
        {editorOpen ? (
          <Pane id="editor" title="pane.editor" className="editor">
            <Suspense fallback={<p className="muted">{t('editor.loading')}</p>}>
              <EditorPane />
            </Suspense>
          </Pane>
        ) : null}
        <Pane id="inspector" title="pane.inspector" className="inspector-pane">
          <Inspector />
        </Pane>
        <Pane id="events" title="pane.events" className="events-pane">
          <EventsPane />
        </Pane>
        <Pane id="terminal" title="pane.terminal" className="terminal-pane">
          <Terminal />
        </Pane>
        <Splitters workbench={workbench} />
      </main>
    </div>
  );
}
