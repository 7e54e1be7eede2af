import type { PolicyRule } from 'kubernetes-types/rbac/v1';
import { canI, rulesFor } from '../../engine/apiserver/authz';
import type { Command, Ctx } from '../command';
import { CmdError } from '../errors';
import { help } from '../help/auth';
import { help as canIHelp } from '../help/auth-can-i';
import { help as reconcileHelp } from '../help/auth-reconcile';
import { help as whoamiHelp } from '../help/auth-whoami';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { tabwrite } from '../printers/tabwriter';
import { goSlice } from './describe/common';
import { combineResourceGroup, listedRules } from './describe/rbac';
import { unavailable } from './unavailable';

const RESOURCE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest'];
const NON_RESOURCE_VERBS = ['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*'];

/** `kubectl auth can-i --list`: the rules the server reports, listed as describe lists a role's. */
function printRules(ctx: Ctx, namespace: string): void {
  const review = rulesFor(ctx.cluster.api, ctx.user, namespace);
  if (review.evaluationError) ctx.io.err(`Warning: the list may be incomplete: ${review.evaluationError}\n`);
  const rules: PolicyRule[] = [
    ...review.resourceRules.map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames })),
    ...review.nonResourceRules.map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
  ];
  let text = ctx.flags.bool('no-headers') ? '' : 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n';
  for (const r of listedRules(rules)) {
    text += `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`;
  }
  ctx.io.out(tabwrite(text));
}

const canICommand: Command = {
  name: 'can-i',
  help: canIHelp,
  run(ctx) {
    const f = ctx.flags;
    const namespace = f.bool('all-namespaces') ? '' : ctx.namespace;
    if (f.bool('list')) {
      if (ctx.args.length) throw new Error('list option must be specified with no arguments');
      if (f.bool('quiet') || f.bool('all-namespaces') || f.string('subresource')) {
        throw new Error("list option can't be specified with neither quiet, all-namespaces nor subresource options");
      }
      printRules(ctx, namespace);
      return;
    }
    if (ctx.args.length !== 2) {
      throw new Error("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
    }
    const [verb, target] = ctx.args;
    const warn = (s: string) => ctx.io.err(`Warning: ${s}\n`);
    let allowed: boolean;
    const subresource = f.string('subresource');
    if (target.startsWith('/')) {
      if (subresource) throw new Error('--subresource can not be used with NonResourceURL');
      if (!NON_RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb\n`);
      allowed = canI(ctx.cluster.api, ctx.user, verb, target);
    } else {
      const [word, name] = target.split(/\/(.*)/s);
      let group = '';
      let plural = word.toLowerCase();
      if (word !== '*') {
        const rt = ctx.cluster.registry.resolve(word.toLowerCase());
        if (rt) {
          group = rt.group;
          plural = rt.plural;
          if (!f.bool('all-namespaces') && !rt.namespaced) {
            warn(group ? `resource '${plural}' is not namespace scoped in group '${group}'\n` : `resource '${plural}' is not namespace scoped\n`);
          }
        } else if (!['users', 'groups'].includes(word)) {
          const [res, ...g] = word.toLowerCase().split('.');
          warn(g.length ? `the server doesn't have a resource type '${res}' in group '${g.join('.')}'\n` : `the server doesn't have a resource type '${res}'\n`);
        }
      }
      if (!RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb\n`);
      if (f.bool('no-headers')) throw new Error('--no-headers cannot be set without --list specified');
      allowed = canI(ctx.cluster.api, ctx.user, verb, { group, plural }, namespace || undefined, name || undefined, subresource || undefined);
    }
    if (!f.bool('quiet')) ctx.io.out(allowed ? 'yes\n' : 'no\n');
    if (!allowed) throw new CmdError('', 1);
  },
};

const whoamiCommand: Command = {
  name: 'whoami',
  help: whoamiHelp,
  run(ctx) {
    const format = parseFormat(ctx);
    const user = ctx.user;
    if (format.type !== 'default') {
      new ObjectPrinter(ctx, format).print(
        {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'SelfSubjectReview',
          metadata: { creationTimestamp: null as unknown as string },
          status: { userInfo: { groups: user.groups, username: user.username } },
        } as never,
        '',
      );
      return;
    }
    let text = 'ATTRIBUTE\tVALUE\n';
    if (user.username) text += `Username\t${user.username}\n`;
    if (user.groups.length) text += `Groups\t[${user.groups.join(' ')}]\n`;
    ctx.io.out(tabwrite(text));
  },
};

export const authCommand: Command = {
  name: 'auth',
  help,
  subcommands: [canICommand, unavailable('reconcile', reconcileHelp, undefined, 'auth reconcile'), whoamiCommand],
};
