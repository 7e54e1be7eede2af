import type { Node, Pod } from 'kubernetes-types/core/v1';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CommandOutcome } from '../../../worker/protocol';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { Icon } from '../../shell/icons';
import { listOf, useCluster } from '../../state/cluster';
import { runCommand, useSandbox } from '../../state/sandbox';
import { FAULTS, type FaultAction, nextNodeName, simVerbs, usageOf } from './actions';
import './faults.css';

const ZONE = 'topology.kubernetes.io/zone';

/**
 * The fault palette: break the cluster on purpose. Each action is one command line, shown before
 * and after it runs, so the learner can type it in the terminal next time.
 */
export function FaultPalette() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const api = useSandbox((s) => s.api);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('select')?.focus();
    // Escape closes the panel wherever focus is (a button disabled while it runs drops focus to the page).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="faults">
      <button
        ref={toggle}
        type="button"
        className={`toggle ${open ? 'on' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        disabled={!api}
        title={t('faults.title')}
        data-testid="faults-toggle"
      >
        <Icon name="step" size={14} /> {t('faults.button')}
      </button>
      {open ? (
        <div
          id={panelId}
          ref={panel}
          className="faults-panel"
          role="dialog"
          aria-label={t('faults.title')}
          data-testid="faults"
        >
          <Palette />
        </div>
      ) : null}
    </div>
  );
}

function Palette() {
  const t = useT();
  const nodes = listOf<Node>(useCluster((s) => s.objects), 'nodes');
  const pods = listOf<Pod>(useCluster((s) => s.objects), 'pods');
  const [help, setHelp] = useState<string>();
  const [actionId, setActionId] = useState(FAULTS[0].id);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CommandOutcome & { command: string }>();

  useEffect(() => {
    let live = true;
    void runCommand('sim help').then((r) => live && setHelp(r.stdout));
    return () => {
      live = false;
    };
  }, []);
  const verbs = useMemo(() => simVerbs(help ?? ''), [help]);
  const available = (a: FaultAction) => !a.simVerb || !help || verbs.has(a.simVerb);
  const action = FAULTS.find((a) => a.id === actionId) ?? FAULTS[0];

  const nodeNames = nodes.map((n) => n.metadata?.name ?? '');
  const zones = [...new Set(nodes.map((n) => n.metadata?.labels?.[ZONE]).filter((z): z is string => !!z))].sort();
  const podKeys = pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
  const choices = action.target === 'node' ? nodeNames : action.target === 'pod' ? podKeys : action.target === 'zone' ? zones : [];
  const chosen = choices.includes(target) ? target : (choices.find((c) => c.startsWith('worker') || c.startsWith('default/')) ?? choices[0] ?? '');
  const [namespace, name] = action.target === 'pod' ? chosen.split('/') : [undefined, chosen];
  const ready = action.target === 'none' || !!chosen;
  const command = action.command({ name, namespace, newNode: nextNodeName(nodeNames) });

  const run = async () => {
    setBusy(true);
    const out = await runCommand(command);
    setBusy(false);
    setResult({ ...out, command });
  };

  return (
    <form
      className="faults-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy && available(action)) void run();
      }}
    >
      <label>
        <span>{t('faults.action')}</span>
        <select value={action.id} onChange={(e) => setActionId(e.target.value)} data-testid="fault-action">
          {FAULTS.map((a) => (
            <option key={a.id} value={a.id} disabled={!available(a)}>
              {t(`fault.${a.id}` as MessageKey)}
              {available(a) ? '' : ` (${t('faults.unavailable')})`}
            </option>
          ))}
        </select>
      </label>
      {action.target !== 'none' ? (
        <label>
          <span>{t(`faults.target.${action.target}` as MessageKey)}</span>
          <select value={chosen} onChange={(e) => setTarget(e.target.value)} data-testid="fault-target">
            {choices.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <p className="muted fault-about">{t(`fault.${action.id}.about` as MessageKey)}</p>
      <div className="fault-command">
        <span className="muted">{t('faults.command')}</span>
        <code data-testid="fault-command">$ {ready ? command : '…'}</code>
        {action.simVerb && help ? <small className="muted">{usageOf(help, action.simVerb)}</small> : null}
      </div>
      <button type="submit" className="primary" disabled={!ready || busy || !available(action)} data-testid="fault-run">
        {t('faults.run')}
      </button>
      {result ? (
        <output className="fault-result" aria-live="polite" data-testid="fault-result">
          <code className="muted">$ {result.command}</code>
          {result.stdout ? <pre className="stdout">{result.stdout}</pre> : null}
          {result.stderr ? <pre className="stderr">{result.stderr}</pre> : null}
        </output>
      ) : null}
    </form>
  );
}
