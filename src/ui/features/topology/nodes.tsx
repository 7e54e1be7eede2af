import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../../i18n/i18n';
import { Icon } from '../../shell/icons';
import type { CardNode, GroupNode, PodNode, RegionNode } from './graph';

export const RegionView = memo(function RegionView({ data, selected }: NodeProps<RegionNode>) {
  const t = useT();
  if (data.kind === 'lane') {
    return (
      <div className="region lane" data-testid="lane-unscheduled">
        <div className="region-head">
          <Icon name="hourglass" size={16} />
          <strong>{t('topology.unscheduled')}</strong>
          <span className="muted">{t('topology.unscheduledHint')}</span>
          <span className="count">{t('topology.pods', { n: data.podCount })}</span>
        </div>
      </div>
    );
  }
  const cls = ['region', 'node-region', data.ready ? 'ready' : 'not-ready', data.unschedulable ? 'cordoned' : '', data.missing ? 'missing' : '', selected ? 'selected' : ''].filter(Boolean).join(' ');
  return (
    <div className={cls} data-testid={`node-${data.name}`} data-status={data.status}>
      <div className="region-head">
        <Icon name="server" size={16} />
        <strong className="region-name">{data.name}</strong>
        {data.roles && data.roles !== '<none>' ? <span className="chip role">{data.roles}</span> : null}
        <span className={`status-pill ${data.ready ? 'ok' : 'bad'}`}>{data.missing ? 'no Node object' : data.status}</span>
        {data.unschedulable ? <span className="status-pill warn">SchedulingDisabled</span> : null}
        <span className="count">{t('topology.pods', { n: data.podCount })}</span>
      </div>
      <div className="region-meta">
        {data.zone ? <span className="muted">{data.zone}</span> : null}
        {data.conditions.map((c) => (
          <span key={c} className="chip cond">
            {c}
          </span>
        ))}
        {data.taints.map((taint) => (
          <span key={taint} className="chip taint" title={`taint ${taint}`}>
            <Icon name="lock" size={11} /> {taint}
          </span>
        ))}
      </div>
    </div>
  );
});

export const PodView = memo(function PodView({ data, selected }: NodeProps<PodNode>) {
  const v = data.visual;
  return (
    <div className={`pod tone-${v.tone}${selected ? ' selected' : ''}`} data-testid={`pod-${data.name}`} data-status={v.status} title={data.reason ?? `${data.namespace}/${data.name}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="pod-line">
        <Icon name={v.icon} size={14} className={`pod-icon icon-${v.icon}`} />
        <span className="pod-name">{data.name}</span>
      </div>
      <div className="pod-line small">
        <span className="pod-status">{v.status}</span>
        <span className="pod-ready">{v.ready}</span>
        {v.restarts ? <span className="pod-restarts">↻{v.restarts}</span> : null}
        {data.namespace !== 'default' ? <span className="pod-ns">{data.namespace}</span> : null}
      </div>
    </div>
  );
});

export const CardView = memo(function CardView({ data, selected }: NodeProps<CardNode>) {
  return (
    <div className={`card kind-${data.kind}${selected ? ' selected' : ''}`} data-testid={`${data.kind.toLowerCase()}-${data.name}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="card-line">
        <Icon name={data.kind === 'Service' ? 'service' : 'workload'} size={14} />
        <span className="card-kind">{data.kind}</span>
        <span className="card-name">{data.name}</span>
      </div>
      <div className="card-detail">
        {data.detail}
        {data.namespace !== 'default' ? <span className="pod-ns">{data.namespace}</span> : null}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});

/** Many pods of one owner on one node: the owner, the count, and how many are in each state. */
export const GroupView = memo(function GroupView({ data, selected }: NodeProps<GroupNode>) {
  const worst = data.tones.find(([tone]) => tone !== 'ok' && tone !== 'done')?.[0] ?? data.tones[0]?.[0] ?? 'ok';
  return (
    <div className={`pod pod-group tone-${worst}${selected ? ' selected' : ''}`} data-testid={`group-${data.owner ?? 'unowned'}`} data-count={data.count}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="pod-line">
        <span className="group-count">{data.count}×</span>
        <span className="pod-name">{data.owner ?? '(no owner)'}</span>
      </div>
      <div className="pod-line small">
        {data.tones.map(([tone, n]) => (
          // The legend's icons (the words would not fit): the count by state, the words in the title.
          <span key={tone} className={`group-tone tone-${tone}`} title={`${n} ${TONE_LABEL[tone]}`}>
            <Icon name={TONE_ICON[tone]} size={11} />
            {n}
          </span>
        ))}
        {data.namespace !== 'default' ? <span className="pod-ns">{data.namespace}</span> : null}
      </div>
    </div>
  );
});

/** The legend's icon and word for each state (the words are Kubernetes' own, as in the legend). */
const TONE_ICON: Record<GroupNode['data']['tones'][number][0], string> = {
  ok: 'check',
  progress: 'spinner',
  notready: 'alert',
  error: 'crash',
  pending: 'hourglass',
  terminating: 'stop',
  done: 'done',
};

const TONE_LABEL: Record<GroupNode['data']['tones'][number][0], string> = {
  ok: 'Running',
  progress: 'ContainerCreating',
  notready: 'NotReady',
  error: 'CrashLoopBackOff',
  pending: 'Pending',
  terminating: 'Terminating',
  done: 'Completed',
};

export const nodeTypes = { region: RegionView, pod: PodView, card: CardView, group: GroupView };
