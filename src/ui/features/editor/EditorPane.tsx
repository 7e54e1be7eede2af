import { useEffect, useRef, useState } from 'react';
import { useLang, useT } from '../../i18n/i18n';
import { format } from '../../i18n/messages';
import { Icon } from '../../shell/icons';
import { runCommand } from '../../state/sandbox';
import { useUi } from '../../state/ui';
import { DIFF, diffResult, isConflict, REPLACE } from './live';
import { findProblems } from './problems';
import { monaco, setCustomKinds } from './monaco';
import { customKinds } from './schemas/convert';
import { useEditorText } from './state';
import { appendDocument, TEMPLATES } from './templates';
import './editor.css';

const APPLY = 'kubectl apply -f -';

/** Established CRDs' kinds join the editor's schema (read when the editor opens and after each apply). */
async function refreshCustomKinds(): Promise<void> {
  const out = await runCommand('kubectl get customresourcedefinitions -o json');
  if (out.exitCode !== 0) return;
  try {
    setCustomKinds(customKinds((JSON.parse(out.stdout) as { items?: [] }).items ?? []));
  } catch {
    // No CRDs to add: the built-in kinds stay.
  }
}

function prefersDark(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The YAML editor: Monaco with monaco-yaml, multi-document apply through kubectl, errors placed in the text. */
export default function EditorPane() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor>(null);
  const revision = useEditorText((s) => s.revision);
  const output = useEditorText((s) => s.output);
  const editing = useEditorText((s) => s.editing);
  const conflict = useEditorText((s) => s.conflict);
  const external = useEditorText((s) => s.external);
  const [busy, setBusy] = useState(false);
  const applyRef = useRef<() => void>(() => undefined);

  applyRef.current = async () => {
    const editor = editorRef.current;
    if (!editor || busy) return;
    const text = editor.getValue();
    // `kubectl edit` is waiting: the text goes back to it, and kubectl reports in the terminal.
    if (useEditorText.getState().external) {
      useEditorText.getState().finishExternal(text);
      return;
    }
    // A live object is saved as an update (its resourceVersion guards against lost changes).
    const command = useEditorText.getState().editing ? REPLACE : APPLY;
    setBusy(true);
    const out = await runCommand(command, text);
    setBusy(false);
    useEditorText.getState().setOutput({ ...out, command });
    useEditorText.getState().setConflict(command === REPLACE && isConflict(out.stderr));
    if (out.exitCode === 0) void refreshCustomKinds();
    const model = editor.getModel();
    if (model) {
      const problems = out.exitCode === 0 ? [] : findProblems(text, out.stderr);
      monaco.editor.setModelMarkers(
        model,
        'kubectl',
        problems.map((p) => ({ severity: monaco.MarkerSeverity.Error, startLineNumber: p.line, startColumn: p.column, endLineNumber: p.endLine, endColumn: p.endColumn, message: p.message, source: 'kubectl apply' })),
      );
    }
  };

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const model = monaco.editor.createModel(useEditorText.getState().text, 'yaml', monaco.Uri.parse('inmemory://sandbox/manifest.yaml'));
    const editor = monaco.editor.create(el, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderWhitespace: 'boundary',
      theme: prefersDark() ? 'vs-dark' : 'vs',
      ariaLabel: format(useLang.getState().lang, 'editor.label'),
      quickSuggestions: { other: true, comments: false, strings: true },
    });
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => applyRef.current());
    const sub = model.onDidChangeContent(() => {
      useEditorText.getState().setText(model.getValue());
      monaco.editor.setModelMarkers(model, 'kubectl', []);
    });
    editor.focus();
    return () => {
      sub.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: t('editor.label') });
  }, [t]);

  useEffect(() => {
    void refreshCustomKinds();
  }, []);

  // A template or "open in editor" replaced the text from outside.
  useEffect(() => {
    const editor = editorRef.current;
    const text = useEditorText.getState().text;
    if (editor && revision > 0 && editor.getValue() !== text) editor.setValue(text);
  }, [revision]);

  const diff = async () => {
    const editor = editorRef.current;
    if (!editor || busy) return;
    setBusy(true);
    const out = await runCommand(DIFF, editor.getValue());
    setBusy(false);
    const result = diffResult(out.exitCode);
    useEditorText.getState().setOutput({ ...out, stdout: result === 'same' ? t('editor.diffNone') : out.stdout, command: DIFF });
  };

  const reload = () => {
    const s = useEditorText.getState();
    if (s.editing) void s.edit(s.editing);
  };

  const insertTemplate = async (command: string) => {
    const out = await runCommand(command);
    if (out.exitCode !== 0) {
      useEditorText.getState().setOutput({ ...out, command });
      return;
    }
    const s = useEditorText.getState();
    s.replace(appendDocument(editorRef.current?.getValue() ?? s.text, out.stdout));
    editorRef.current?.focus();
  };

  return (
    <div className="editor-pane" data-testid="editor" lang={lang}>
      <div className="editor-tools">
        <label>
          <span>{t('editor.template')}</span>
          <select
            value=""
            onChange={(e) => {
              if (e.target.value) void insertTemplate(e.target.value);
            }}
            title={t('editor.templateHint')}
            data-testid="template-select"
          >
            <option value="">—</option>
            {TEMPLATES.map((tpl) => (
              <option key={tpl.kind} value={tpl.command} title={tpl.command}>
                {tpl.kind}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button type="button" onClick={() => void diff()} disabled={busy} title={t('editor.diffHint')} data-testid="diff">
          {t('editor.diff')}
        </button>
        <button type="button" className="primary" onClick={() => applyRef.current()} disabled={busy} title={external ? t('editor.externalSave') : editing ? t('editor.saveHint') : t('editor.applyHint')} data-testid="apply">
          {editing || external ? t('editor.save') : t('editor.apply')} <kbd>Ctrl+Enter</kbd>
        </button>
        <button type="button" className="icon-button" onClick={() => useUi.getState().set({ editorOpen: false })} aria-label={t('editor.close')} title={t('editor.close')}>
          <Icon name="close" />
        </button>
      </div>
      {external ? (
        <div className="editor-editing" role="status" data-testid="editor-external">
          <span>{t('editor.external', { file: external.fileName })}</span>
          <button type="button" className="chip" onClick={() => useEditorText.getState().finishExternal(undefined)}>
            {t('editor.externalCancel')}
          </button>
        </div>
      ) : null}
      {editing ? (
        <div className="editor-editing" role="status" data-testid="editor-editing">
          <span>{t('editor.editing', { kind: editing.kind, name: editing.name })}</span>
          <button type="button" className="chip" onClick={reload}>
            {t('editor.reload')}
          </button>
          <button type="button" className="chip" onClick={() => useEditorText.getState().stopEditing()}>
            {t('editor.stopEditing')}
          </button>
        </div>
      ) : null}
      {conflict ? (
        <div className="editor-conflict" role="alert" data-testid="editor-conflict">
          <span>{t('editor.conflict')}</span>
          <button type="button" className="chip" onClick={reload}>
            {t('editor.reload')}
          </button>
        </div>
      ) : null}
      <div className="monaco-host" ref={host} />
      {output ? (
        <section className="editor-output" aria-label={t('editor.output')} aria-live="polite" data-testid="editor-output">
          <code className="muted">$ {output.command}</code>
          {output.stdout ? <pre className="stdout">{output.stdout}</pre> : null}
          {output.stderr ? <pre className="stderr">{output.stderr}</pre> : null}
        </section>
      ) : (
        <p className="editor-hint muted">{t('editor.hint')}</p>
      )}
    </div>
  );
}
