import type { Remote } from 'comlink';
import type { LibraryApi } from '../../worker/protocol';
import { formatSimTime } from '../features/clock/format';
import { useT } from '../i18n/i18n';
import { useCluster } from '../state/cluster';
import { useSandbox } from '../state/sandbox';
import { Icon } from './icons';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A quiet "Saved" in the header; a clear banner when saving or restoring failed. */
export function StorageBadge() {
  const t = useT();
  const storage = useCluster((s) => s.storage);
  if (!storage) return null;
  const text =
    storage.state === 'saved'
      ? t('storage.saved')
      : storage.state === 'saving'
        ? t('storage.saving')
        : storage.state === 'idle'
          ? t('storage.idle')
          : storage.state === 'read-only'
            ? t('storage.readOnly')
            : null;
  if (!text) return null;
  return (
    <span
      className={`storage-badge ${storage.state}`}
      data-testid="storage-status"
      data-state={storage.state}
      data-sim-time={storage.simTime ? `${formatSimTime(storage.simTime)} UTC` : undefined}
      data-speed={storage.speed}
      data-save-ms={storage.saveMs}
      data-load-ms={storage.loadMs}
      title={storage.simTime ? `${formatSimTime(storage.simTime)} UTC` : undefined}
    >
      <Icon name="save" size={14} /> {text}
    </span>
  );
}

export function StorageBanner() {
  const t = useT();
  const storage = useCluster((s) => s.storage);
  const api = useSandbox((s) => s.api);
  if (storage?.state === 'read-only') return <FollowerBanner />;
  if (!storage || (storage.state !== 'error' && storage.state !== 'restore-failed' && storage.state !== 'unavailable')) return null;
  const message =
    storage.state === 'restore-failed'
      ? t('storage.restoreFailed', { error: storage.error ?? '' })
      : storage.state === 'unavailable'
        ? t('storage.unavailable')
        : t('storage.error', { error: storage.error ?? '' });
  return (
    <div className="banner warn" role="alert" data-testid="storage-banner" data-state={storage.state}>
      <Icon name="warn" />
      <span>{message}</span>
      {api && storage.state === 'restore-failed' ? (
        <button type="button" onClick={async () => download('kube-sandbox-saved.json', (await api.exportSaved()) ?? '')}>
          {t('storage.downloadSaved')}
        </button>
      ) : null}
      {api && storage.state !== 'restore-failed' ? (
        <button type="button" onClick={async () => download('kube-sandbox.json', await api.exportSnapshot())}>
          {t('storage.download')}
        </button>
      ) : null}
    </div>
  );
}

/** Another tab writes this sandbox: say so, and offer to write it from here instead. */
function FollowerBanner() {
  const t = useT();
  const api = useSandbox((s) => s.api) as unknown as Remote<LibraryApi> | undefined;
  return (
    <div className="banner warn" role="status" data-testid="storage-banner" data-state="read-only">
      <Icon name="warn" />
      <span>{t('lock.follower')}</span>
      {api ? (
        <button type="button" onClick={() => void api.takeOver()} data-testid="take-over">
          {t('lock.takeOver')}
        </button>
      ) : null}
    </div>
  );
}
