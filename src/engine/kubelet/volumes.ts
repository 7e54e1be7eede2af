import type { ConfigMap, Container, KeyToPath, Pod, Secret, Volume } from 'kubernetes-types/core/v1';
import { atomicDirName, atomicVolume, visibleFiles } from './atomicwriter';
import type { KubeletCore } from './core';
import { decodeBase64 } from './env';
import { hexDigest } from './format';
import { emptyFs, type Mount } from './fs';
import type { MachineState, PodRuntime } from './state';

/**
 * The pod's volumes as the volume manager mounts them before the sandbox starts: emptyDir
 * (shared by the pod's containers), ConfigMap/Secret/projected/downwardAPI files (read-only),
 * hostPath (the machine's), and PVC data that outlives the pod.
 */
function keyed(data: Record<string, string>, items: KeyToPath[] | undefined): Record<string, string> {
  const files: Record<string, string> = {};
  if (items?.length) {
    for (const it of items) if (data[it.key] !== undefined) files[`/${it.path}`] = data[it.key];
  } else for (const [k, v] of Object.entries(data)) files[`/${k}`] = v;
  return files;
}

function token(pod: Pod): string {
  const h = hexDigest(`${pod.metadata?.namespace}/${pod.metadata?.name}/${pod.metadata?.uid}`, 48);
  return `eyJhbGciOiJSUzI1NiIsImtpZCI6IlNhbmRib3gifQ.eyJhdWQiOlsiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWwiXX0.${h}`;
}

const ROOT_CA =
  '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIKubernetesSandboxCAwDQYJKoZIhvcNAQELBQAwFTET\nMBEGA1UEAxMKa3ViZXJuZXRlczAeFw0yNTAxMDYwOTAwMDBaFw0zNTAxMDQwOTA1\n-----END CERTIFICATE-----\n';

/** Mount every volume; a missing source gives the kubelet's FailedMount message. */
export function mountVolumes(core: KubeletCore, pod: Pod, rt: PodRuntime, m: MachineState): { error?: string } {
  const ns = rt.namespace;
  const stamp = () => atomicDirName(core.now(), core.stream('atomic-writer').int(1_000_000));
  const atomic = (name: string, payload: Record<string, string>) => {
    rt.volumes[name] = atomicVolume(rt.volumes[name], payload, stamp);
  };
  for (const v of pod.spec?.volumes ?? ([] as Volume[])) {
    if (rt.volumes[v.name] && !v.configMap && !v.secret && !v.projected && !v.downwardAPI) continue;
    if (v.emptyDir) rt.volumes[v.name] = rt.volumes[v.name] ?? emptyFs();
    else if (v.configMap) {
      const cm = core.configMaps.get(ns, v.configMap.name ?? '') as ConfigMap | undefined;
      if (!cm) {
        if (v.configMap.optional) {
          atomic(v.name, {});
          continue;
        }
        return {
          error: `MountVolume.SetUp failed for volume "${v.name}" : configmap "${v.configMap.name}" not found`,
        };
      }
      atomic(v.name, keyed(cm.data ?? {}, v.configMap.items));
    } else if (v.secret) {
      const s = core.secrets.get(ns, v.secret.secretName ?? '') as Secret | undefined;
      if (!s) {
        if (v.secret.optional) {
          atomic(v.name, {});
          continue;
        }
        return {
          error: `MountVolume.SetUp failed for volume "${v.name}" : secret "${v.secret.secretName}" not found`,
        };
      }
      const data: Record<string, string> = {};
      for (const [k, val] of Object.entries(s.data ?? {})) data[k] = decodeBase64(val);
      atomic(v.name, keyed(data, v.secret.items));
    } else if (v.projected) {
      const files: Record<string, string> = {};
      for (const src of v.projected.sources ?? []) {
        if (src.serviceAccountToken) files[`/${src.serviceAccountToken.path}`] = token(pod);
        if (src.configMap) {
          const cm = core.configMaps.get(ns, src.configMap.name ?? '') as ConfigMap | undefined;
          const data = cm?.data ?? (src.configMap.name === 'kube-root-ca.crt' ? { 'ca.crt': ROOT_CA } : undefined);
          if (!data) {
            if (src.configMap.optional) continue;
            return {
              error: `MountVolume.SetUp failed for volume "${v.name}" : configmap "${src.configMap.name}" not found`,
            };
          }
          Object.assign(files, keyed(data, src.configMap.items));
        }
        if (src.secret) {
          const s = core.secrets.get(ns, src.secret.name ?? '') as Secret | undefined;
          if (!s && !src.secret.optional)
            return {
              error: `MountVolume.SetUp failed for volume "${v.name}" : secret "${src.secret.name}" not found`,
            };
          const data: Record<string, string> = {};
          for (const [k, val] of Object.entries(s?.data ?? {})) data[k] = decodeBase64(val);
          Object.assign(files, keyed(data, src.secret.items));
        }
        if (src.downwardAPI) {
          for (const it of src.downwardAPI.items ?? []) {
            if (it.fieldRef?.fieldPath === 'metadata.namespace') files[`/${it.path}`] = ns;
            else if (it.fieldRef?.fieldPath === 'metadata.name') files[`/${it.path}`] = rt.name;
          }
        }
      }
      atomic(v.name, files);
    } else if (v.downwardAPI) {
      const files: Record<string, string> = {};
      for (const it of v.downwardAPI.items ?? []) {
        const path = it.fieldRef?.fieldPath ?? '';
        const meta = pod.metadata ?? {};
        if (path === 'metadata.labels')
          files[`/${it.path}`] = Object.entries(meta.labels ?? {})
            .map(([k, val]) => `${k}="${val}"`)
            .join('\n');
        else if (path === 'metadata.annotations')
          files[`/${it.path}`] = Object.entries(meta.annotations ?? {})
            .map(([k, val]) => `${k}="${val}"`)
            .join('\n');
        else if (path === 'metadata.name') files[`/${it.path}`] = rt.name;
        else if (path === 'metadata.namespace') files[`/${it.path}`] = ns;
        else if (path === 'metadata.uid') files[`/${it.path}`] = rt.uid;
      }
      atomic(v.name, files);
    } else if (v.hostPath) {
      const key = `host:${m.spec.name}:${v.hostPath.path}`;
      core.state.volumeData[key] ??= emptyFs();
      rt.sharedVolumes[v.name] = key;
    } else if (v.persistentVolumeClaim) {
      const claim = core.claims.get(ns, v.persistentVolumeClaim.claimName);
      const key = claim?.spec?.volumeName ? `pv:${claim.spec.volumeName}` : `pvc:${ns}/${v.persistentVolumeClaim.claimName}`;
      core.state.volumeData[key] ??= emptyFs();
      rt.sharedVolumes[v.name] = key;
    } else rt.volumes[v.name] = rt.volumes[v.name] ?? emptyFs();
  }
  return {};
}

/** The mounts of one container, with subPath mounts copied into place. */
export function containerMounts(core: KubeletCore, c: Container, rt: PodRuntime, pod: Pod): { mounts: Mount[]; copies: Record<string, string> } {
  const mounts: Mount[] = [];
  const copies: Record<string, string> = {};
  for (const vm of c.volumeMounts ?? []) {
    const shared = rt.sharedVolumes[vm.name];
    const vol = shared ? core.state.volumeData[shared] : rt.volumes[vm.name];
    if (!vol) continue;
    const spec = pod.spec?.volumes?.find((v) => v.name === vm.name);
    const readOnly = !!vm.readOnly || !!(spec?.configMap || spec?.secret || spec?.projected || spec?.downwardAPI);
    if (vm.subPath) {
      // A subPath is bound to the file itself when the container starts: later updates never reach it.
      const content = visibleFiles(vol)[`/${vm.subPath}`] ?? vol.files[`/${vm.subPath}`];
      if (content !== undefined) copies[vm.mountPath] = content;
      continue;
    }
    mounts.push({
      path: vm.mountPath.replace(/\/+$/, '') || '/',
      vol,
      readOnly,
    });
  }
  return { mounts, copies };
}
