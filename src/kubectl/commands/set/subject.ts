import type { AnyObject } from '../../../engine/api/types';
import type { Command } from '../../command';
import { help as subjectHelp } from '../../help/set-subject';
import { runSet } from './run';

type Subject = { kind: string; apiGroup?: string; name: string; namespace?: string };
const sameSubject = (a: Subject, b: Subject) => a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
const sortedUnique = (xs: string[]) => [...new Set(xs)].sort();

export const subjectCommand: Command = {
  name: 'subject',
  help: subjectHelp,
  run(ctx) {
    const f = ctx.flags;
    const users = f.strings('user');
    const groups = f.strings('group');
    const serviceAccounts = f.strings('serviceaccount');
    const validate = (found: { obj: AnyObject }[]) => {
      if (f.bool('all') && f.string('selector')) throw new Error('cannot set --all and --selector at the same time');
      if (!users.length && !groups.length && !serviceAccounts.length) throw new Error('you must specify at least one value of user, group or serviceaccount');
      for (const sa of serviceAccounts) {
        const tokens = sa.split(':');
        if (tokens.length !== 2 || tokens[1] === '') throw new Error('serviceaccount must be <namespace>:<name>');
        if (tokens[0] === '' && found.some(({ obj }) => obj.kind === 'ClusterRoleBinding')) {
          throw new Error('serviceaccount must be <namespace>:<name>, namespace must be specified');
        }
      }
    };
    const wanted: Subject[] = [
      ...sortedUnique(users).map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
      ...sortedUnique(groups).map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
      ...sortedUnique(serviceAccounts).map((sa) => {
        const [namespace, name] = sa.split(':');
        return { kind: 'ServiceAccount', name, namespace: namespace || ctx.namespace };
      }),
    ];
    runSet(ctx, ctx.args, {
      operation: 'subjects updated',
      skipUnchanged: true,
      patchFailure: (m) => `failed to patch subjects to rolebinding: ${m}`,
      validate,
      mutate(obj) {
        if (obj.kind !== 'RoleBinding' && obj.kind !== 'ClusterRoleBinding') {
          return new Error('setting subjects is only supported for RoleBinding/ClusterRoleBinding');
        }
        const existing = (obj.subjects ?? []) as Subject[];
        const added = wanted.filter((w) => !existing.some((e) => sameSubject(e, w)));
        if (added.length) obj.subjects = [...existing, ...added];
        return undefined;
      },
    });
  },
};
