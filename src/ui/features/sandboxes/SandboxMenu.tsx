import type { Remote } from 'comlink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryApi, SandboxMeta } from '../../../worker/protocol';
import { useLang, useT } from '../../i18n/i18n';
import { useSandbox } from '../../state/sandbox';
import { openSandbox, rememberSandbox } from './choice';
import './sandboxes.css';

/** The worker serves the list of sandboxes on the same endpoint as the sandbox itself. */
function library(): Remote<LibraryApi> | undefined {
  return useSandbox.getState().api as unknown as Remote<LibraryApi> | undefined;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileName = (name: string) => `${name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'sandbox'}.kube-sandbox.json`;
/** The name the first sandbox gets before anyone renames it (the worker stores it as data). */
const FIRST_NAME = 'Sandbox 1';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/^Error: /, '');

/** The header's Sandboxes button and its dialog: open, create, rename, duplicate, delete, export, import. */
export function SandboxMenu() {
  const t = useT();
  // The first sandbox's default name is shown in the reader's language.
  const shown = (name: string) => (name === FIRST_NAME ? t('sandboxes.newName', { n: 1 }) : name);
  const lang = useLang((s) => s.lang);
  const ready = useSandbox((s) => s.phase === 'ready');
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [list, setList] = useState<{ current: string; sandboxes: SandboxMeta[] }>();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();

  const refresh = useCallback(async () => {
    const lib = library();
    if (!lib) return;
    const l = await lib.listSandboxes();
    rememberSandbox(l.current);
    setList(l);
  }, []);

  useEffect(() => {
    if (ready) void refresh().catch(() => undefined);
  }, [ready, refresh]);

  const act = async (fn: (lib: Remote<LibraryApi>) => Promise<unknown>, done?: string) => {
    const lib = library();
    if (!lib) return;
    try {
      await fn(lib);
      setMessage(done ? { text: done } : undefined);
    } catch (e) {
      setMessage({ text: t('sandboxes.failed', { error: errorText(e) }), error: true });
    }
    await refresh().catch(() => undefined);
  };

  const current = list?.sandboxes.find((s) => s.id === list.current);
  const saved = (s: SandboxMeta) => (s.savedAt ? t('sandboxes.saved', { t: new Date(s.savedAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB') }) : t('sandboxes.notSaved'));

  const importFile = async (file: File) => {
    const lib = library();
    if (!lib) return;
    try {
      const made = await lib.importSandbox(await file.text(), file.name.replace(/(\.kube-sandbox)?\.json$/i, ''));
      setMessage({ text: t('sandboxes.imported', { name: made.name }) });
    } catch (e) {
      setMessage({ text: t('sandboxes.importFailed', { error: errorText(e) }), error: true });
    }
    await refresh().catch(() => undefined);
  };

  return (
    <>
      <button
        type="button"
        className="toggle sandbox-menu-button"
        disabled={!ready}
        onClick={() => {
          setMessage(undefined);
          void refresh();
          dialog.current?.showModal();
        }}
        data-testid="sandboxes-button"
        // The name also shows as a tooltip: a narrow header hides it from the button's face.
        title={current ? `${t('sandboxes.button')}: ${shown(current.name)}` : undefined}
      >
        {t('sandboxes.button')}
        {current ? <span className="sandbox-current-name">: {shown(current.name)}</span> : null}
      </button>
      <dialog ref={dialog} className="sandboxes-dialog" aria-labelledby="sandboxes-title" data-testid="sandboxes-dialog">
        <h2 id="sandboxes-title">{t('sandboxes.title')}</h2>
        {message ? (
          <p role={message.error ? 'alert' : 'status'} className={message.error ? 'sandboxes-error' : 'sandboxes-note'} data-testid="sandboxes-message">
            {message.text}
          </p>
        ) : null}
        <ul className="sandboxes-list">
          {list?.sandboxes.map((s) => {
            const open = s.id === list.current;
            return (
              <li key={s.id} data-testid={`sandbox-${s.id}`} data-name={s.name} aria-current={open ? 'true' : undefined}>
                <span className="sandbox-title">
                  <strong>{shown(s.name)}</strong> {open ? <em>({t('sandboxes.current')})</em> : null}
                  <small>{saved(s)}</small>
                </span>
                <span className="sandbox-actions">
                  {open ? null : (
                    <button type="button" onClick={() => openSandbox(s.id)}>
                      {t('sandboxes.open')}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => {
                      const name = window.prompt(t('sandboxes.renamePrompt', { name: shown(s.name) }), shown(s.name));
                      if (name !== null) void act((lib) => lib.renameSandbox(s.id, name));
                    }}
                  >
                    {t('sandboxes.rename')}
                  </button>
                  <button type="button" onClick={() => void act((lib) => lib.duplicateSandbox(s.id, t('sandboxes.copyName', { name: shown(s.name) })))}>
                    {t('sandboxes.duplicate')}
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void act(async (lib) => {
                        const file = await lib.exportSandbox(s.id);
                        download(fileName(file.name), file.text);
                      })
                    }
                  >
                    {t('sandboxes.export')}
                  </button>
                  {open ? null : (
                    <button
                      type="button"
                      className="danger-quiet"
                      onClick={() => {
                        if (window.confirm(t('sandboxes.deleteConfirm', { name: shown(s.name) }))) void act((lib) => lib.deleteSandbox(s.id));
                      }}
                    >
                      {t('sandboxes.delete')}
                    </button>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
        <div className="sandboxes-footer">
          <button
            type="button"
            onClick={() =>
              void act(async (lib) => {
                const made = await lib.createSandbox(t('sandboxes.newName', { n: (list?.sandboxes.length ?? 0) + 1 }));
                openSandbox(made.id);
              })
            }
            data-testid="sandbox-new"
          >
            {t('sandboxes.new')}
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} data-testid="sandbox-import">
            {t('sandboxes.import')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            aria-label={t('sandboxes.import')}
            data-testid="sandbox-import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('sandboxes.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
