import type { ConfigMap, Container, EnvVar, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../api/quantity';
import type { KubeletCore } from './core';
import type { ImageSpec } from './images';
import type { MachineState, PodRuntime } from './state';

/**
 * A container's environment as the kubelet builds it (makeEnvironmentVariables): the image's
 * ENV, HOSTNAME, the pod's env/envFrom with `$(VAR)` references, and the service links.
 * A missing ConfigMap or Secret is a CreateContainerConfigError with the kubelet's message.
 */
export type EnvResult = { env: Record<string, string> } | { error: string };

export function decodeBase64(s: string): string {
  try {
    const bin = atob(s);
    const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return s;
  }
}

/** `$(VAR)` expansion as Kubernetes does it: defined names are replaced, `$$` escapes, unknown stay. */
export function expandRefs(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return name !== undefined && env[name] !== undefined ? env[name] : m;
  });
}

function serviceEnvName(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** Docker-link style variables for the services a pod sees. */
export function serviceLinks(services: Service[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const svc of [...services].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None' || !svc.spec?.ports?.length) continue;
    const n = serviceEnvName(svc.metadata?.name ?? '');
    const first = svc.spec.ports[0];
    out[`${n}_SERVICE_HOST`] = ip;
    out[`${n}_SERVICE_PORT`] = String(first.port);
    for (const p of svc.spec.ports) if (p.name) out[`${n}_SERVICE_PORT_${serviceEnvName(p.name)}`] = String(p.port);
    const proto = (first.protocol ?? 'TCP').toLowerCase();
    out[`${n}_PORT`] = `${proto}://${ip}:${first.port}`;
    for (const p of svc.spec.ports) {
      const pr = (p.protocol ?? 'TCP').toLowerCase();
      const prefix = `${n}_PORT_${p.port}_${pr.toUpperCase()}`;
      out[prefix] = `${pr}://${ip}:${p.port}`;
      out[`${prefix}_PROTO`] = pr;
      out[`${prefix}_PORT`] = String(p.port);
      out[`${prefix}_ADDR`] = ip;
    }
  }
  return out;
}

/** The last service lists seen and their variables: many containers start between Service changes. */
const linkMemo: { services: Service[]; links: Record<string, string> }[] = [];

/** serviceLinks, reused while the same Service objects (stored objects change only by replacement) are seen. */
function memoLinks(services: Service[]): Record<string, string> {
  for (const m of linkMemo) {
    if (m.services.length === services.length && m.services.every((s, i) => s === services[i])) return m.links;
  }
  const links = serviceLinks(services);
  linkMemo.unshift({ services, links });
  if (linkMemo.length > 8) linkMemo.pop();
  return links;
}

function fieldValue(path: string, pod: Pod, rt: PodRuntime, m: MachineState): string {
  const meta = pod.metadata ?? {};
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (label) return meta.labels?.[label[1]] ?? '';
  const ann = /^metadata\.annotations\['(.+)'\]$/.exec(path);
  if (ann) return meta.annotations?.[ann[1]] ?? '';
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return m.ip;
    case 'status.podIP':
    case 'status.podIPs':
      return rt.ip ?? '';
    default:
      return '';
  }
}

function resourceValue(c: Container, resource: string, divisor: string | undefined, m: MachineState): string {
  const [kind, name] = resource.split('.');
  const raw = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[name];
  const fallback = kind === 'limits' ? (name === 'cpu' ? m.spec.cpu : m.spec.memory) : '0';
  const q = parseQuantity((raw as string | undefined) ?? fallback);
  const d = divisor ? parseQuantity(divisor) : parseQuantity(name === 'cpu' ? '1' : '1');
  if (name === 'cpu') return String(Math.ceil(q.milliValue() / d.milliValue()));
  return String(Math.ceil(q.value() / d.value()));
}

export function buildEnv(core: KubeletCore, pod: Pod, rt: PodRuntime, m: MachineState, c: Container, image: ImageSpec): EnvResult {
  const ns = rt.namespace;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(image.env ?? {})) env[k] = v;
  env.HOSTNAME = pod.spec?.hostname ?? rt.name;
  const user: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef) {
      const cm = core.configMaps.get(ns, from.configMapRef.name ?? '') as ConfigMap | undefined;
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { error: `configmap "${from.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) user[`${from.prefix ?? ''}${k}`] = v;
    }
    if (from.secretRef) {
      const s = core.secrets.get(ns, from.secretRef.name ?? '') as Secret | undefined;
      if (!s) {
        if (from.secretRef.optional) continue;
        return { error: `secret "${from.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(s.data ?? {})) user[`${from.prefix ?? ''}${k}`] = decodeBase64(v);
      for (const [k, v] of Object.entries(s.stringData ?? {})) user[`${from.prefix ?? ''}${k}`] = v;
    }
  }
  for (const e of c.env ?? ([] as EnvVar[])) {
    if (e.valueFrom) {
      const vf = e.valueFrom;
      if (vf.fieldRef) user[e.name] = fieldValue(vf.fieldRef.fieldPath, pod, rt, m);
      else if (vf.resourceFieldRef) user[e.name] = resourceValue(c, vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor as string | undefined, m);
      else if (vf.configMapKeyRef) {
        const ref = vf.configMapKeyRef;
        const cm = core.configMaps.get(ns, ref.name ?? '') as ConfigMap | undefined;
        if (!cm) {
          if (ref.optional) continue;
          return { error: `configmap "${ref.name}" not found` };
        }
        const v = cm.data?.[ref.key];
        if (v === undefined) {
          if (ref.optional) continue;
          return {
            error: `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`,
          };
        }
        user[e.name] = v;
      } else if (vf.secretKeyRef) {
        const ref = vf.secretKeyRef;
        const s = core.secrets.get(ns, ref.name ?? '') as Secret | undefined;
        if (!s) {
          if (ref.optional) continue;
          return { error: `secret "${ref.name}" not found` };
        }
        const v = s.data?.[ref.key] !== undefined ? decodeBase64(s.data[ref.key]) : s.stringData?.[ref.key];
        if (v === undefined) {
          if (ref.optional) continue;
          return {
            error: `couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`,
          };
        }
        user[e.name] = v;
      }
    } else user[e.name] = expandRefs(e.value ?? '', { ...user });
  }
  Object.assign(env, user);
  const links =
    pod.spec?.enableServiceLinks === false ? {} : memoLinks(core.services.list(ns).filter((s) => !(ns === 'default' && s.metadata?.name === 'kubernetes')));
  const master = core.services.get('default', 'kubernetes');
  Object.assign(env, links, master ? memoLinks([master]) : {});
  if (!env.HOME) env.HOME = '/root';
  return { env };
}
