import { useEffect, useState } from 'react';
import { registerSW } from 'virtual:pwa-register';
import { useT } from '../../i18n/i18n';
import { useSandbox } from '../../state/sandbox';

let update: ((reload?: boolean) => Promise<void>) | undefined;
let listeners: ((need: boolean) => void)[] = [];
let needRefresh = false;

/** Register the service worker once per page; it precaches the app so a reload works offline. */
function register(): void {
  if (update || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  update = registerSW({
    onNeedRefresh() {
      needRefresh = true;
      for (const l of listeners) l(true);
    },
  });
}

/**
 * A new version was deployed: say so, and let the learner choose when to switch (the sandbox is
 * saved first, so the reload loses nothing).
 */
export function UpdatePrompt() {
  const t = useT();
  const [need, setNeed] = useState(needRefresh);
  useEffect(() => {
    register();
    listeners.push(setNeed);
    return () => {
      listeners = listeners.filter((l) => l !== setNeed);
    };
  }, []);
  if (!need) return null;
  const apply = async () => {
    await useSandbox
      .getState()
      .api?.saveNow()
      .catch(() => undefined);
    await update?.(true);
  };
  return (
    <div className="banner warn" role="status" data-testid="update-prompt">
      <span>{t('pwa.update')}</span>
      <button type="button" onClick={apply}>
        {t('pwa.reload')}
      </button>
      <button type="button" onClick={() => setNeed(false)}>
        {t('pwa.later')}
      </button>
    </div>
  );
}
