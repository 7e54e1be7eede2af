import { FaultPalette } from '../features/faults/FaultPalette';
import { SandboxMenu } from '../features/sandboxes/SandboxMenu';
import { useLang, useT } from '../i18n/i18n';
import type { Lang } from '../i18n/messages';
import { useSandbox } from '../state/sandbox';
import { useUi } from '../state/ui';
import { ClockControls } from './ClockControls';
import { Icon } from './icons';
import { StorageBadge } from './StorageStatus';

export function Header() {
  const t = useT();
  const { lang, setLang } = useLang();
  const phase = useSandbox((s) => s.phase);
  const info = useSandbox((s) => s.info);
  const api = useSandbox((s) => s.api);
  const editorOpen = useUi((s) => s.editorOpen);
  const setUi = useUi((s) => s.set);

  const reset = async () => {
    if (!api || !window.confirm(t('reset.confirm'))) return;
    useUi.getState().select(undefined);
    await api.reset();
  };

  return (
    <header className="topbar">
      <div className="brand">
        <Icon name="service" size={22} className="logo" />
        <h1>kube-sandbox</h1>
        <span className="sandbox-name" title={t('header.context')} data-testid="context">
          {info?.context ?? '…'}
        </span>
        <span className={`phase ${phase}`} data-testid="phase" role="status">
          {phase === 'ready' ? t('app.running') : phase === 'failed' ? t('app.failed') : t('app.starting')}
        </span>
      </div>
      <ClockControls />
      <div className="topbar-end">
        <StorageBadge />
        <SandboxMenu />
        <FaultPalette />
        <button type="button" className={`toggle ${editorOpen ? 'on' : ''}`} aria-pressed={editorOpen} aria-label={t('pane.editor')} title={t('editor.open')} onClick={() => setUi({ editorOpen: !editorOpen })} data-testid="editor-toggle">
          <Icon name="edit" size={14} /> {t('header.editor')}
        </button>
        <label className="lang">
          <span className="visually-hidden">{t('lang.label')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t('lang.label')} data-testid="lang">
            <option value="en">English</option>
            <option value="ja">日本語</option>
          </select>
        </label>
        <button type="button" className="danger-quiet" onClick={reset} disabled={!api} aria-label={t('reset.button')} title={t('reset.button')}>
          {t('reset.short')}
        </button>
      </div>
    </header>
  );
}
