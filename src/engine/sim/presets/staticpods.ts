import type { Pod } from 'kubernetes-types/core/v1';
import { KUBERNETES_VERSION } from '../version';

function controlPlanePod(component: string, image: string, cpu: string, command: string[], port: number, memory?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: component, namespace: 'kube-system', labels: { component, tier: 'control-plane' } },
    spec: {
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: component,
          image,
          command,
          resources: { requests: memory ? { cpu, memory } : { cpu } },
          livenessProbe: {
            httpGet: { host: '127.0.0.1', path: component === 'kube-apiserver' ? '/livez' : component === 'etcd' ? '/livez' : '/healthz', port, scheme: component === 'etcd' ? 'HTTP' : 'HTTPS' },
            initialDelaySeconds: 10,
            periodSeconds: 10,
            timeoutSeconds: 15,
            failureThreshold: 8,
          },
        },
      ],
    },
  };
}

/** The control plane's static pod manifests, as kubeadm writes them to /etc/kubernetes/manifests. */
export function staticPods(): Pod[] {
  return [
    controlPlanePod('etcd', 'registry.k8s.io/etcd:3.5.16-0', '100m', ['etcd', '--advertise-client-urls=https://172.18.0.2:2379', '--data-dir=/var/lib/etcd', '--listen-client-urls=https://127.0.0.1:2379,https://172.18.0.2:2379'], 2381, '100Mi'),
    controlPlanePod('kube-apiserver', `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`, '250m', ['kube-apiserver', '--advertise-address=172.18.0.2', '--authorization-mode=Node,RBAC', '--enable-admission-plugins=NodeRestriction', '--service-cluster-ip-range=10.96.0.0/16'], 6443),
    controlPlanePod('kube-controller-manager', `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`, '200m', ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--leader-elect=true', '--service-cluster-ip-range=10.96.0.0/16'], 10257),
    controlPlanePod('kube-scheduler', `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`, '100m', ['kube-scheduler', '--bind-address=127.0.0.1', '--leader-elect=true'], 10259),
  ];
}
