import type { Command, Ctx } from '../../command';
import { help as clusterRoleHelp } from '../../help/create-clusterrole';
import { help as clusterRoleBindingHelp } from '../../help/create-clusterrolebinding';
import { help as roleHelp } from '../../help/create-role';
import { help as roleBindingHelp } from '../../help/create-rolebinding';
import { createGenerated, nameArg } from './subcommand';

const RBAC = 'rbac.authorization.k8s.io';
const VALID_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const SPECIAL_VERBS: Record<string, [string, string][]> = {
  use: [
    ['policy', 'podsecuritypolicies'],
    ['extensions', 'podsecuritypolicies'],
  ],
  bind: [
    [RBAC, 'roles'],
    [RBAC, 'clusterroles'],
  ],
  escalate: [
    [RBAC, 'roles'],
    [RBAC, 'clusterroles'],
  ],
  impersonate: [
    ['', 'users'],
    ['', 'serviceaccounts'],
    ['', 'groups'],
    ['authentication.k8s.io', 'userextras'],
  ],
};

interface ResourceOption {
  resource: string;
  group: string;
  subresource: string;
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}

function parseVerbs(ctx: Ctx): string[] {
  const verbs = ctx.flags.strings('verb');
  return verbs.includes('*') ? ['*'] : uniq(verbs);
}

function parseResources(ctx: Ctx): ResourceOption[] {
  const out: ResourceOption[] = [];
  for (const r of ctx.flags.strings('resource')) {
    const [main, sub = ''] = r.split(/\/(.*)/s);
    const dot = main.indexOf('.');
    const opt = { resource: dot < 0 ? main : main.slice(0, dot), group: dot < 0 ? '' : main.slice(dot + 1), subresource: sub };
    if (opt.resource === '*' && dot < 0 && !r.includes('/')) return [opt];
    out.push(opt);
  }
  return out;
}

/** The plural and group the RESTMapper finds for `pods`, `deploy.apps`, or the word as given. */
function canonical(ctx: Ctx, r: ResourceOption): { resource: string; group: string; known: boolean } {
  const t = ctx.cluster.registry.resolve(r.group ? `${r.resource}.${r.group}` : r.resource);
  return t ? { resource: t.plural, group: t.group, known: true } : { resource: r.resource, group: r.group, known: false };
}

function validateResources(ctx: Ctx, verbs: string[], resources: ResourceOption[]): void {
  for (const r of resources) {
    if (!r.resource) throw new Error('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const c = canonical(ctx, r);
    let known = c.known;
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v];
      if (!special) continue;
      if (!special.some(([g, res]) => g === c.group && res === c.resource)) {
        throw new Error(`can not perform '${v}' on '${c.resource}' in group '${c.group}'`);
      }
      known = true;
    }
    if (!known) throw new Error(`the server doesn't have a resource type "${r.resource}"`);
  }
}

function policyRules(ctx: Ctx, verbs: string[], resources: ResourceOption[], resourceNames: string[], urls: string[]): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const c = canonical(ctx, r);
    const res = r.subresource ? `${c.resource}/${r.subresource}` : c.resource;
    const list = byGroup.get(c.group) ?? [];
    if (!list.includes(res)) list.push(res);
    byGroup.set(c.group, list);
  }
  const rules: Record<string, unknown>[] = [];
  for (const g of [...byGroup.keys()].sort()) {
    const rule: Record<string, unknown> = { apiGroups: [g] };
    if (resourceNames.length) rule.resourceNames = resourceNames;
    rule.resources = byGroup.get(g);
    rule.verbs = verbs;
    rules.push(rule);
  }
  if (urls.length) rules.push({ nonResourceURLs: urls, verbs });
  return rules;
}

function warnVerbs(ctx: Ctx, verbs: string[]): void {
  for (const v of verbs) if (!VALID_VERBS.includes(v)) ctx.io.err(`Warning: '${v}' is not a standard resource verb\n`);
}

export const createRoleCommand: Command = {
  name: 'role',
  help: roleHelp,
  run(ctx) {
    const name = nameArg(ctx);
    const verbs = parseVerbs(ctx);
    const resources = parseResources(ctx);
    if (!verbs.length) throw new Error('at least one verb must be specified');
    warnVerbs(ctx, verbs);
    if (!resources.length) throw new Error('at least one resource must be specified');
    validateResources(ctx, verbs, resources);
    const rules = policyRules(ctx, verbs, resources, uniq(ctx.flags.strings('resource-name')), []);
    createGenerated(ctx, { apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { creationTimestamp: null as unknown as string, name }, rules }, {
      resource: `${RBAC}/roles`,
    });
  },
};

export const createClusterRoleCommand: Command = {
  name: 'clusterrole',
  help: clusterRoleHelp,
  run(ctx) {
    const name = nameArg(ctx);
    const aggregation = ctx.flags.map('aggregation-rule');
    const verbs = parseVerbs(ctx);
    const resources = parseResources(ctx);
    const urls = ctx.flags.strings('non-resource-url');
    const obj: Record<string, unknown> = { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { creationTimestamp: null, name } };
    if (Object.keys(aggregation).length) {
      if (verbs.length || resources.length || urls.length || ctx.flags.strings('resource-name').length) {
        throw new Error('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
      }
      obj.aggregationRule = { clusterRoleSelectors: [{ matchLabels: aggregation }] };
    } else {
      if (!verbs.length) throw new Error('at least one verb must be specified');
      if (!resources.length && !urls.length) throw new Error('one of resource or nonResourceURL must be specified');
      warnVerbs(ctx, verbs);
      if (resources.length) validateResources(ctx, verbs, resources);
      for (const u of urls) {
        if (!u.startsWith('/')) throw new Error('nonResourceURL should start with /');
        if (u.slice(0, -1).includes('*')) throw new Error("nonResourceURL only supports wildcard matches when '*' is at the end");
      }
      obj.rules = policyRules(ctx, verbs, resources, uniq(ctx.flags.strings('resource-name')), urls);
    }
    createGenerated(ctx, obj, { resource: `${RBAC}/clusterroles` });
  },
};

function subjects(ctx: Ctx): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const user of ctx.flags.strings('user')) out.push({ apiGroup: RBAC, kind: 'User', name: user });
  for (const group of ctx.flags.strings('group')) out.push({ apiGroup: RBAC, kind: 'Group', name: group });
  for (const sa of ctx.flags.strings('serviceaccount')) {
    const t = sa.split(':');
    if (t.length !== 2 || !t[0] || !t[1]) throw new Error('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: t[1], namespace: t[0] });
  }
  return out;
}

export const createRoleBindingCommand: Command = {
  name: 'rolebinding',
  help: roleBindingHelp,
  run(ctx) {
    const name = nameArg(ctx);
    const role = ctx.flags.string('role');
    const clusterRole = ctx.flags.string('clusterrole');
    if ((role ? 1 : 0) + (clusterRole ? 1 : 0) !== 1) throw new Error('exactly one of clusterrole or role must be specified');
    const obj: Record<string, unknown> = {
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { creationTimestamp: null, name },
      roleRef: { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole },
    };
    const subs = subjects(ctx);
    if (subs.length) obj.subjects = subs;
    createGenerated(ctx, obj, { resource: `${RBAC}/rolebindings`, failure: (m) => `failed to create rolebinding: ${m}` });
  },
};

export const createClusterRoleBindingCommand: Command = {
  name: 'clusterrolebinding',
  help: clusterRoleBindingHelp,
  required: ['clusterrole'],
  run(ctx) {
    const name = nameArg(ctx);
    const obj: Record<string, unknown> = {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { creationTimestamp: null, name },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: ctx.flags.string('clusterrole') },
    };
    const subs = subjects(ctx);
    if (subs.length) obj.subjects = subs;
    createGenerated(ctx, obj, { resource: `${RBAC}/clusterrolebindings`, failure: (m) => `failed to create clusterrolebinding: ${m}` });
  },
};
