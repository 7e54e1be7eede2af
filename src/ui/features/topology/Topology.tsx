import '@xyflow/react/dist/style.css';
import { Background, Controls, type Edge, type NodeChange, Panel, ReactFlow, ReactFlowProvider, useReactFlow, useStore } from '@xyflow/react';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { KObject } from '../../../engine/api/types';
import { useT } from '../../i18n/i18n';
import { Icon } from '../../shell/icons';
import { type Table, tableOf, useCluster } from '../../state/cluster';
import { sameItems, useThrottled } from '../../state/throttle';
import { resourceOfKind, type Selection, useUi } from '../../state/ui';
import { type Display, nextDisplay, stableEdges } from './display';
import { buildGraph, emptyMemory, type GraphNode, LANE_ID } from './graph';
import { nodeTypes } from './nodes';

const OWNER_RESOURCES = ['apps/deployments', 'apps/replicasets', 'apps/statefulsets', 'apps/daemonsets', 'batch/jobs', 'batch/cronjobs'];
const LEAVE_MS = 400;
const THROTTLE_MS = 250;
/** Below this zoom the cards' text is unreadable: draw them as plain coloured blocks (far cheaper). */
const FAR_ZOOM = 0.3;
/**
 * With more cards than this the spinners stand still: an SVG's rotation is repainted on the main
 * thread every frame, and a few hundred starting pods would keep the whole graph repainting.
 * The icon and the status text still say "starting".
 */
const STILL_ABOVE = 150;

const FIT = { padding: 0.08, maxZoom: 1 };
const ARIA = { 'node.a11yDescription.default': 'Press Enter or Space to inspect.' };

const values = <T,>(t: Table) => [...t.values()] as T[];

/** Graph id → what the inspector selects. */
export function selectionOf(id: string): Selection | undefined {
  if (id === LANE_ID) return undefined;
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  // A group of pods selects its owner.
  if (kind === 'group') return selectionOf(rest.slice(rest.indexOf('|') + 1));
  if (kind === 'node') return { resource: 'nodes', kind: 'Node', name: rest };
  const [namespace, name] = rest.split('/');
  if (kind === 'pod') return { resource: 'pods', kind: 'Pod', namespace, name };
  const resource = resourceOfKind(kind);
  return resource ? { resource, kind, namespace, name } : undefined;
}

function selectedId(s?: Selection): string | undefined {
  if (!s) return undefined;
  if (s.kind === 'Node') return `node:${s.name}`;
  if (s.kind === 'Pod') return `pod:${s.namespace}/${s.name}`;
  return `${s.kind}:${s.namespace ?? ''}/${s.name}`;
}

function Toolbar({ namespaces }: { namespaces: string[] }) {
  const t = useT();
  const { showOwners, showServices, namespace, set } = useUi();
  const flow = useReactFlow();
  return (
    <Panel position="top-left" className="topo-toolbar">
      <label>
        <span>{t('topology.namespace')}</span>
        <select value={namespace} onChange={(e) => set({ namespace: e.target.value })} data-testid="ns-filter">
          <option value="">{t('topology.allNamespaces')}</option>
          {namespaces.map((ns) => (
            <option key={ns} value={ns}>
              {ns}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={showServices} onChange={(e) => set({ showServices: e.target.checked })} />
        {t('topology.services')}
      </label>
      <label className="check">
        <input type="checkbox" checked={showOwners} onChange={(e) => set({ showOwners: e.target.checked })} data-testid="owners-toggle" />
        {t('topology.owners')}
      </label>
      <button
        type="button"
        className="icon-button"
        onClick={() => {
          set({ followGraph: true });
          void flow.fitView({ ...FIT, duration: 300 });
        }}
        aria-label={t('topology.fit')}
        title={t('topology.fit')}
      >
        <Icon name="fit" />
      </button>
    </Panel>
  );
}

function Legend() {
  const items: [string, string, string][] = [
    ['ok', 'check', 'Running'],
    ['progress', 'spinner', 'ContainerCreating'],
    ['notready', 'alert', 'NotReady'],
    ['error', 'crash', 'CrashLoopBackOff'],
    ['pending', 'hourglass', 'Pending'],
    ['terminating', 'stop', 'Terminating'],
    ['done', 'done', 'Completed'],
  ];
  return (
    <Panel position="top-right" className="legend" aria-hidden="true">
      {items.map(([tone, icon, label]) => (
        <span key={tone} className={`legend-item tone-${tone}`}>
          <Icon name={icon} size={12} /> {label}
        </span>
      ))}
    </Panel>
  );
}

const GRAPH_TABLES = ['nodes', 'pods', 'services', 'namespaces', ...OWNER_RESOURCES];

function Graph() {
  const live = useCluster(useShallow((s) => GRAPH_TABLES.map((r) => tableOf(s.objects, r))));
  // With hundreds of pods changing, the graph is rebuilt a few times a second, not on every batch.
  const tables = useThrottled(live, THROTTLE_MS, sameItems);
  const nsT = tables[3];
  const generation = useCluster((s) => s.generation);
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  const { showOwners, showServices, namespace, selection, select } = useUi();
  const sel = selectedId(selection);

  const memory = useRef({ generation: -1, layout: emptyMemory() });
  if (memory.current.generation !== generation) memory.current = { generation, layout: emptyMemory() };

  const graph = useMemo(() => {
    const [nodesT, podsT, servicesT, , ...ownerTables] = tables;
    const g = buildGraph(
      { nodes: values<Node>(nodesT), pods: values<Pod>(podsT), services: values<Service>(servicesT), owners: ownerTables.flatMap((t) => values<KObject>(t)) },
      { showOwners, showServices, namespace: namespace || undefined, selected: sel },
      memory.current.layout,
    );
    memory.current.layout = g.memory;
    return g;
  }, [tables, showOwners, showServices, namespace, sel]);
  // The same edges as last time keep their array, so React Flow does not redo them.
  const lastEdges = useRef<Edge[]>([]);
  const edges = useMemo(() => (lastEdges.current = stableEdges(lastEdges.current, graph.edges)), [graph.edges]);

  const [display, setDisplay] = useState<Display>({ nodes: [], leaving: new Map() });
  const firstBuild = useRef(true);
  useEffect(() => {
    setDisplay((d) => nextDisplay(d, graph.nodes, performance.now(), LEAVE_MS, firstBuild.current));
    firstBuild.current = false;
  }, [graph]);
  // Let the departed finish fading out even if nothing else changes.
  useEffect(() => {
    if (!display.leaving.size) return;
    const id = setTimeout(() => setDisplay((d) => nextDisplay(d, graph.nodes, performance.now(), LEAVE_MS)), LEAVE_MS + 20);
    return () => clearTimeout(id);
  }, [display.leaving, graph.nodes]);

  // Follow the cluster as it grows (new nodes, new pods off-screen) until the learner moves the
  // view themselves; the fit button hands control back.
  const flow = useReactFlow();
  const follow = useUi((s) => s.followGraph);
  const ids = useMemo(() => graph.nodes.map((n) => n.id).join('\n'), [graph.nodes]);
  const paneSize = useStore((s) => `${s.width}x${s.height}`);
  useEffect(() => {
    if (!follow || !ids || !paneSize) return;
    const id = setTimeout(() => void flow.fitView({ ...FIT, duration: 250 }), 60);
    return () => clearTimeout(id);
  }, [ids, follow, flow, paneSize]);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) useUi.getState().set({ followGraph: false });
  }, []);

  const namespaces = useMemo(() => [...nsT.values()].map((n) => n.metadata?.name ?? '').sort(), [nsT]);

  // Stable handlers: a new function on each render would make React Flow redraw every node.
  const onNodesChange = useCallback(
    (changes: NodeChange<GraphNode>[]) => {
      for (const c of changes) {
        if (c.type === 'select' && c.selected) {
          const s = selectionOf(c.id);
          if (s) select(s);
        }
      }
    },
    [select],
  );
  const onNodeClick = useCallback(
    (_: unknown, n: GraphNode) => {
      const s = selectionOf(n.id);
      if (s) select(s);
    },
    [select],
  );

  return (
    <ReactFlow<GraphNode>
      className={[far ? 'far' : '', display.nodes.length > STILL_ABOVE ? 'still' : ''].join(' ').trim() || undefined}
      nodes={display.nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onNodeClick={onNodeClick}
      onMoveStart={onMoveStart}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      elementsSelectable
      // Measured with 500 pods: keeping every card mounted saves script while panning but
      // doubles the painting (Chromium paints around the view too), so off-screen cards go.
      onlyRenderVisibleElements
      fitView
      fitViewOptions={FIT}
      minZoom={0.05}
      maxZoom={2}
      ariaLabelConfig={ARIA}
    >
      {/* The dot grid moves with every pan and is repainted whole each frame: big graphs go without it. */}
      {display.nodes.length <= STILL_ABOVE && <Background gap={24} size={1} />}
      <Controls showInteractive={false} />
      <Toolbar namespaces={namespaces} />
      <Legend />
    </ReactFlow>
  );
}

export function Topology() {
  return (
    <ReactFlowProvider>
      <Graph />
    </ReactFlowProvider>
  );
}
