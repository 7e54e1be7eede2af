import { isStatusError } from '../../../engine/api/status';
import type { Stored } from '../../../engine/api/types';
import type { Command, Ctx } from '../../command';
import { ErrorList } from '../../errors';
import { help } from '../../help/describe';
import { buildTargets, visitTargets } from '../../resource/builder';
import { describeEndpointSlice, describeIngress, describeIngressClass, describeNetworkPolicy } from './networking';
import { describeNode } from './node';
import { describeConfigMap, describeEndpoints, describeGeneric, describeNamespace, describePdb, describeSecret, describeService, describeServiceAccount } from './other';
import { describePod } from './pod';
import { describeHpa, describeLimitRange, describePriorityClass, describeResourceQuota } from './policy';
import { describeRole, describeRoleBinding } from './rbac';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage';
import { describeCronJob, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet, describeStatefulSet } from './workloads';

type Describer = (ctx: Ctx, obj: Stored, showEvents: boolean) => string;

const DESCRIBERS: Record<string, Describer> = {
  '/Pod': describePod as Describer,
  '/Node': describeNode as Describer,
  '/Service': describeService as Describer,
  '/Endpoints': describeEndpoints as Describer,
  '/Namespace': (ctx, o) => describeNamespace(ctx, o as never),
  '/ConfigMap': describeConfigMap as Describer,
  '/Secret': (_ctx, o) => describeSecret(o as never),
  '/ServiceAccount': describeServiceAccount as Describer,
  'apps/Deployment': describeDeployment as Describer,
  'apps/ReplicaSet': describeReplicaSet as Describer,
  'apps/DaemonSet': describeDaemonSet as Describer,
  'apps/StatefulSet': describeStatefulSet as Describer,
  'batch/Job': describeJob as Describer,
  'batch/CronJob': describeCronJob as Describer,
  'policy/PodDisruptionBudget': describePdb as Describer,
  'networking.k8s.io/Ingress': describeIngress as Describer,
  'discovery.k8s.io/EndpointSlice': describeEndpointSlice as Describer,
  'networking.k8s.io/IngressClass': describeIngressClass as Describer,
  'networking.k8s.io/NetworkPolicy': describeNetworkPolicy as Describer,
  '/PersistentVolume': describePersistentVolume as Describer,
  '/PersistentVolumeClaim': describePersistentVolumeClaim as Describer,
  'storage.k8s.io/StorageClass': describeStorageClass as Describer,
  'rbac.authorization.k8s.io/Role': describeRole as Describer,
  'rbac.authorization.k8s.io/ClusterRole': describeRole as Describer,
  'rbac.authorization.k8s.io/RoleBinding': describeRoleBinding as unknown as Describer,
  'rbac.authorization.k8s.io/ClusterRoleBinding': describeRoleBinding as unknown as Describer,
  '/ResourceQuota': describeResourceQuota as Describer,
  '/LimitRange': describeLimitRange as Describer,
  'autoscaling/HorizontalPodAutoscaler': describeHpa as Describer,
  'scheduling.k8s.io/PriorityClass': describePriorityClass as Describer,
};

function describeOne(ctx: Ctx, group: string, obj: Stored, showEvents: boolean): string {
  const describer = DESCRIBERS[`${group}/${obj.kind}`] ?? describeGeneric;
  return describer(ctx, obj, showEvents);
}

export const describeCommand: Command = {
  name: 'describe',
  help,
  run(ctx) {
    const f = ctx.flags;
    const filenames = f.strings('filename');
    if (!ctx.args.length && !filenames.length && !f.string('kustomize')) {
      throw new Error('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    }
    const allNamespaces = f.bool('all-namespaces');
    const showEvents = f.bool('show-events');
    const built = buildTargets(ctx, ctx.args, {
      namespace: ctx.namespace,
      explicitNamespace: ctx.explicitNamespace,
      allNamespaces,
      labelSelector: f.string('selector'),
      allowEmptySelector: true,
      filenames,
      recursive: f.bool('recursive'),
    });
    const { visited, errors } = visitTargets(ctx, built);
    // `describe TYPE PREFIX`: when the name is not found, describe every object whose name starts with it.
    if (errors.length && errors.every((e) => isStatusError(e, 'NotFound')) && ctx.args.length === 2 && !ctx.args[0].includes('/')) {
      const rt = built.targets[0]?.rt;
      if (rt) {
        const matches = ctx.api.list(rt, rt.namespaced ? ctx.namespace : undefined).items.filter((o) => o.metadata.name.startsWith(ctx.args[1]));
        if (matches.length) {
          for (const o of matches) ctx.io.out(`${describeOne(ctx, rt.group, o, showEvents)}\n`);
          return;
        }
      }
      throw errors[0];
    }
    let first = true;
    let count = 0;
    for (const v of visited) {
      for (const obj of v.objects) {
        count++;
        const text = describeOne(ctx, v.target.rt.group, obj, showEvents);
        ctx.io.out(first ? text : `\n\n${text}`);
        first = false;
      }
    }
    if (count === 0 && errors.length === 0) {
      ctx.io.err(allNamespaces ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new ErrorList(errors);
  },
};
