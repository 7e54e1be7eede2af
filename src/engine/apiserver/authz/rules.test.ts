import type { PolicyRule } from 'kubernetes-types/rbac/v1';
import { describe, expect, it } from 'vitest';
import { compactString, covers, describeMissing, type RequestAttributes, ruleAllows } from './rules';

const r = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): PolicyRule => ({ apiGroups, resources, verbs, resourceNames });
const res = (verb: string, resource: string, extra: Partial<RequestAttributes> = {}): RequestAttributes => ({ verb, apiGroup: '', resource, ...extra });

describe('RuleAllows', () => {
  const cases: [string, PolicyRule, RequestAttributes, boolean][] = [
    ['exact verb, group and resource', r([''], ['pods'], ['get']), res('get', 'pods'), true],
    ['other verb', r([''], ['pods'], ['get']), res('delete', 'pods'), false],
    ['verb *', r([''], ['pods'], ['*']), res('delete', 'pods'), true],
    ['other group', r(['apps'], ['deployments'], ['get']), res('get', 'deployments'), false],
    ['group *', r(['*'], ['deployments'], ['get']), res('get', 'deployments', { apiGroup: 'apps' }), true],
    ['resource *', r([''], ['*'], ['get']), res('get', 'secrets'), true],
    ['a subresource needs its own rule', r([''], ['pods'], ['get']), res('get', 'pods', { subresource: 'log' }), false],
    ['pods/log', r([''], ['pods/log'], ['get']), res('get', 'pods', { subresource: 'log' }), true],
    ['*/scale matches any scale', r(['*'], ['*/scale'], ['get']), res('get', 'deployments', { apiGroup: 'apps', subresource: 'scale' }), true],
    ['*/scale is not the resource', r(['*'], ['*/scale'], ['get']), res('get', 'deployments', { apiGroup: 'apps' }), false],
    ['resourceNames: named', r([''], ['configmaps'], ['get'], ['app']), res('get', 'configmaps', { name: 'app' }), true],
    ['resourceNames: other name', r([''], ['configmaps'], ['get'], ['app']), res('get', 'configmaps', { name: 'db' }), false],
    ['resourceNames: list has no name', r([''], ['configmaps'], ['list'], ['app']), res('list', 'configmaps'), false],
  ];
  it.each(cases)('%s', (_name, rule, attrs, want) => expect(ruleAllows(attrs, rule)).toBe(want));

  it('non-resource URLs: exact, * and prefix*', () => {
    const rule: PolicyRule = { verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*'] };
    expect(ruleAllows({ verb: 'get', path: '/healthz' }, rule)).toBe(true);
    expect(ruleAllows({ verb: 'get', path: '/apis/apps/v1' }, rule)).toBe(true);
    expect(ruleAllows({ verb: 'get', path: '/metrics' }, rule)).toBe(false);
    expect(ruleAllows({ verb: 'post', path: '/healthz' }, rule)).toBe(false);
    expect(ruleAllows({ verb: 'get', path: '/anything' }, { verbs: ['*'], nonResourceURLs: ['*'] })).toBe(true);
  });
});

describe('Covers (escalation checks)', () => {
  it('cluster-admin covers everything', () => {
    const admin = [r(['*'], ['*'], ['*']), { verbs: ['*'], nonResourceURLs: ['*'] }];
    expect(covers(admin, [r([''], ['pods'], ['get', 'delete']), { verbs: ['get'], nonResourceURLs: ['/healthz'] }]).covered).toBe(true);
  });

  it('reports the uncovered pieces, compacted by verb, as the API server prints them', () => {
    const owner = [r([''], ['pods'], ['get', 'list'])];
    const { covered, missing } = covers(owner, [r([''], ['pods', 'secrets'], ['get', 'delete'])]);
    expect(covered).toBe(false);
    expect(describeMissing(missing)).toBe('{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "delete"]}');
  });

  it('a */subresource owner rule covers any resource with that subresource', () => {
    expect(covers([r(['apps'], ['*/scale'], ['get'])], [r(['apps'], ['deployments/scale'], ['get'])]).covered).toBe(true);
  });

  it('resource names: an unnamed owner rule covers named ones, not the other way round', () => {
    expect(covers([r([''], ['configmaps'], ['get'])], [r([''], ['configmaps'], ['get'], ['a'])]).covered).toBe(true);
    expect(covers([r([''], ['configmaps'], ['get'], ['a'])], [r([''], ['configmaps'], ['get'])]).covered).toBe(false);
  });

  it('compactString prints every part that is set, Go %q style', () => {
    expect(compactString({ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'] })).toBe(
      '{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["web"], Verbs:["get"]}',
    );
    expect(compactString({ verbs: ['get'], nonResourceURLs: ['/healthz'] })).toBe('{NonResourceURLs:["/healthz"], Verbs:["get"]}');
  });
});
