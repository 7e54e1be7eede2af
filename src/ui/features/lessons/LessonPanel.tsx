import { useEffect, useId, useRef, useState } from 'react';
import type { LessonSummary, LessonTaskView, LessonView } from '../../../worker/protocol';
import { useLang, useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useSandbox } from '../../state/sandbox';
import { Markdown } from './Markdown';
import { exportProgress, leaveLesson, loadPack, loadPackFromUrl, nextHint, refresh, showMe, startLesson, useLessons } from './state';
import './lessons.css';

/**
 * The lesson panel: a drawer with the lesson list (and progress), or the lesson being taken with
 * its current task, the check's live status, hints one at a time, "show me" and start over.
 */
export function LessonPanel() {
  const t = useT();
  const api = useSandbox((s) => s.api);
  const { open, view, error, set } = useLessons();
  const panelId = useId();

  useEffect(() => {
    if (open && api) void refresh();
  }, [open, api]);

  return (
    <>
      <button type="button" className={`lessons-toggle ${open ? 'on' : ''}`} aria-expanded={open} aria-controls={panelId} onClick={() => set({ open: !open })} disabled={!api} data-testid="lessons-toggle">
        {t('lessons.button')}
        {view ? <span className="lessons-badge">{view.tasks.filter((x) => x.state === 'done').length}/{view.tasks.length}</span> : null}
      </button>
      {open ? (
        <aside id={panelId} className="lessons-panel" aria-label={t('lessons.title')} data-testid="lessons-panel">
          <div className="lessons-head">
            <h2>{t('lessons.title')}</h2>
            <button type="button" onClick={() => set({ open: false })} aria-label={t('lessons.close')}>
              ×
            </button>
          </div>
          {error ? (
            <p className="lessons-error" role="alert">
              {error}
            </p>
          ) : null}
          {view ? <Current view={view} /> : <Catalogue />}
        </aside>
      ) : null}
    </>
  );
}

function Catalogue() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { list, busy } = useLessons();
  const start = (l: LessonSummary) => {
    if (window.confirm(t('lessons.startConfirm'))) void startLesson(l.id);
  };
  return (
    <div className="lessons-body">
      <ul className="lessons-list">
        {(list?.lessons ?? []).map((l) => (
          <li key={l.id}>
            <div className="lesson-line">
              <strong>{l.title[lang]}</strong>
              {l.fromPack ? <span className="tag">{t('lessons.fromPack')}</span> : null}
            </div>
            <div className="lesson-meta muted">
              {t(`lessons.level.${l.level}` as MessageKey)} · {t('lessons.minutes', { n: l.minutes })} · {t('lessons.progress', { done: l.done, total: l.tasks })}
            </div>
            <button type="button" className="primary" disabled={busy} onClick={() => start(l)} data-testid={`lesson-start-${l.id}`}>
              {t('lessons.start')}
            </button>
          </li>
        ))}
      </ul>
      <PackLoader />
    </div>
  );
}

function PackLoader() {
  const t = useT();
  const { packErrors, busy } = useLessons();
  const [url, setUrl] = useState('');
  const onFile = async (file: File | undefined) => {
    if (file) await loadPack(await file.text(), file.name);
  };
  const download = async () => {
    const text = await exportProgress();
    if (!text) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    a.download = 'lesson-progress.json';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <details className="lessons-packs">
      <summary>{t('lessons.loadPack')}</summary>
      <label>
        {t('lessons.packFile')}
        <input type="file" accept=".json,.yaml,.yml,application/json" onChange={(e) => void onFile(e.target.files?.[0])} disabled={busy} />
      </label>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) void loadPackFromUrl(url.trim());
        }}
      >
        <label>
          {t('lessons.packUrl')}
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
        </label>
        <button type="submit" disabled={busy || !url.trim()}>
          {t('lessons.loadPack')}
        </button>
      </form>
      {packErrors.length ? (
        <div className="lessons-error" role="alert">
          <p>{t('lessons.packErrors')}</p>
          {packErrors.map((e) => (
            <pre key={e}>{e}</pre>
          ))}
        </div>
      ) : null}
      <button type="button" onClick={() => void download()}>
        {t('lessons.export')}
      </button>
    </details>
  );
}

function Current({ view }: { view: LessonView }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { busy } = useLessons();
  const restart = () => {
    if (window.confirm(t('lessons.startConfirm'))) void startLesson(view.id);
  };
  const finished = useRef<HTMLDivElement>(null);
  // The end of the lesson appears below the last task: bring it into view when it does.
  useEffect(() => {
    if (view.finished) finished.current?.scrollIntoView({ block: 'nearest' });
  }, [view.finished]);
  return (
    <div className="lessons-body">
      <h3>{view.title[lang]}</h3>
      <details open={!view.tasks.some((x) => x.state === 'done')}>
        <summary>{t('lessons.intro')}</summary>
        <Markdown text={view.intro[lang]} />
      </details>
      <ol className="lesson-tasks">
        {view.tasks.map((task) => (
          <Task key={task.id} task={task} />
        ))}
      </ol>
      {view.events.map((e) =>
        e.note ? (
          <div key={`${e.atSim}`} className="lesson-event" role="status">
            <Markdown text={e.note[lang]} />
          </div>
        ) : null,
      )}
      {view.finished ? (
        <div className="lesson-finished" role="status" ref={finished}>
          <strong>{t('lessons.finished')}</strong>
          {view.outro ? <Markdown text={view.outro[lang]} /> : null}
        </div>
      ) : null}
      <div className="lesson-actions">
        <button type="button" onClick={restart} disabled={busy}>
          {t('lessons.restart')}
        </button>
        <button type="button" onClick={() => void leaveLesson()} disabled={busy}>
          {t('lessons.leave')}
        </button>
      </div>
    </div>
  );
}

function Task({ task }: { task: LessonTaskView }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { busy, shown } = useLessons();
  const current = task.state === 'current';
  const done = task.state === 'done';
  const explanation = useRef<HTMLDivElement>(null);
  const was = useRef(task.state);
  // A task that just turned done shows its explanation: scroll it into view (not on the first draw,
  // where the panel opens at the top).
  useEffect(() => {
    if (was.current !== 'done' && done) explanation.current?.scrollIntoView({ block: 'nearest' });
    was.current = task.state;
  }, [task.state, done]);
  const hints = task.hints.map((h, i) => (
    <div key={h.en} className="lesson-hint">
      <span className="muted">
        {t('lessons.hint')} {i + 1}
      </span>
      <Markdown text={h[lang]} />
    </div>
  ));
  return (
    <li className={`lesson-task ${task.state}`} aria-current={current ? 'step' : undefined} data-testid={`lesson-task-${task.id}`}>
      <div className="lesson-task-title">
        <span className="lesson-state">{task.state === 'done' ? '✓' : current ? '▶' : '·'}</span>
        <strong>{task.title[lang]}</strong>
        <span className="visually-hidden">{t(`lessons.${task.state}` as MessageKey)}</span>
      </div>
      {current ? <Markdown text={task.prose[lang]} /> : null}
      {current ? hints : null}
      {done ? (
        // Done, the task's text folds away so that the explanation (what to take from it) leads.
        <details className="lesson-done-text">
          <summary>{t('lessons.taskText')}</summary>
          <Markdown text={task.prose[lang]} />
          {hints}
        </details>
      ) : null}
      {current ? (
        <>
          {task.check ? (
            <details className="lesson-check">
              <summary>{t('lessons.checkSays')}</summary>
              <pre>{task.check}</pre>
            </details>
          ) : null}
          <div className="lesson-actions">
            <button type="button" onClick={() => void nextHint()} disabled={busy || task.hintsLeft === 0}>
              {task.hintsLeft === 0 ? t('lessons.noMoreHints') : t('lessons.hint')}
            </button>
            <button
              type="button"
              onClick={() => {
                if (window.confirm(t('lessons.showMeConfirm'))) void showMe();
              }}
              disabled={busy}
            >
              {t('lessons.showMe')}
            </button>
          </div>
        </>
      ) : null}
      {task.explanation ? (
        <div className="lesson-explanation" ref={explanation}>
          <Markdown text={task.explanation[lang]} />
        </div>
      ) : null}
      {current && shown?.length ? (
        <pre className="lesson-shown">{shown.map((o) => `${o.stdout}${o.stderr}`).join('')}</pre>
      ) : null}
    </li>
  );
}
