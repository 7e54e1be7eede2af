import type { Pod, Volume } from 'kubernetes-types/core/v1';
import { forbidden } from '../../api/status';
import { GENERATE_NAME_ALPHABET } from '../../api/names';
import type { AdmissionPlugin } from './types';

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The ServiceAccount admission plugin: a pod runs as `default` unless it names another
 * account, the account must exist, and its token, the cluster CA and the namespace are
 * projected into every container at /var/run/secrets/kubernetes.io/serviceaccount.
 */
export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(req, api) {
    if (req.operation !== 'CREATE' || req.resource.kind !== 'Pod' || req.subresource) return;
    const pod = req.object as Pod;
    const spec = pod.spec;
    if (!spec) return;
    // Mirror pods of static pods run with no service account.
    if (pod.metadata?.annotations?.['kubernetes.io/config.mirror']) return;
    const name = spec.serviceAccountName || spec.serviceAccount || 'default';
    spec.serviceAccountName = name;
    spec.serviceAccount = name;
    const ns = req.namespace;
    const account = api.find('serviceaccounts', ns, name) as { automountServiceAccountToken?: boolean } | undefined;
    if (!account) {
      throw forbidden(
        `pods "${pod.metadata?.name || pod.metadata?.generateName || ''}" is forbidden: error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`,
      );
    }
    const automount = spec.automountServiceAccountToken ?? account.automountServiceAccountToken ?? true;
    if (!automount) return;
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    if (containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_PATH))) return;
    const volumeName = `kube-api-access-${api.random.stream('names').chars(5, GENERATE_NAME_ALPHABET)}`;
    const volume: Volume = {
      name: volumeName,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    };
    spec.volumes = [...(spec.volumes ?? []), volume];
    for (const c of containers) {
      c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: TOKEN_PATH }];
    }
  },
};
