import { describe, expect, it } from 'vitest';
import { createErrors, created, updateErrors } from './test-helpers';

// pkg/apis/rbac/validation and pkg/apis/rbac/v1/defaults.go.

const G = 'rbac.authorization.k8s.io';
const role = (rules: unknown[]) => ({ apiVersion: `${G}/v1`, kind: 'Role', metadata: { name: 'reader', namespace: 'default' }, rules });
const binding = (roleRef: Record<string, string>, subjects: unknown[] = [{ kind: 'User', name: 'jane' }]) => ({
  apiVersion: `${G}/v1`,
  kind: 'RoleBinding',
  metadata: { name: 'read', namespace: 'default' },
  roleRef,
  subjects,
});

describe('Role', () => {
  it.each<[string, unknown[], string[]]>([
    ['a valid rule', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], []],
    [
      'no verbs',
      [{ apiGroups: [''], resources: ['pods'], verbs: [] }],
      ['rules[0].verbs: Required value: verbs must contain at least one value'],
    ],
    [
      'no api groups or resources',
      [{ verbs: ['get'] }],
      [
        'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
        'rules[0].resources: Required value: resource rules must supply at least one resource',
      ],
    ],
    [
      'non-resource URLs in a namespace',
      [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }],
      ['rules[0].nonResourceURLs: Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs'],
    ],
  ])('%s', (_, rules, want) => {
    expect(createErrors('rbac.authorization.k8s.io/roles', role(rules))).toEqual(want);
  });
});

describe('RoleBinding', () => {
  it('defaults API groups of the role reference and subjects', () => {
    const b = created(
      'rbac.authorization.k8s.io/rolebindings',
      binding({ kind: 'Role', name: 'reader' }, [
        { kind: 'User', name: 'jane' },
        { kind: 'ServiceAccount', name: 'bot', namespace: 'default' },
      ]),
    );
    expect(b.roleRef).toEqual({ kind: 'Role', name: 'reader', apiGroup: G });
    expect(b.subjects).toEqual([
      { kind: 'User', name: 'jane', apiGroup: G },
      { kind: 'ServiceAccount', name: 'bot', namespace: 'default', apiGroup: '' },
    ]);
  });

  it.each<[string, Record<string, string>, unknown[], string[]]>([
    [
      'an unknown role kind',
      { kind: 'Group', name: 'x' },
      [{ kind: 'User', name: 'jane' }],
      ['roleRef.kind: Unsupported value: "Group": supported values: "Role", "ClusterRole"'],
    ],
    ['no role name', { kind: 'Role', name: '' }, [{ kind: 'User', name: 'jane' }], ['roleRef.name: Required value']],
    [
      'an unknown subject kind',
      { kind: 'Role', name: 'r' },
      [{ kind: 'Robot', name: 'x' }],
      ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"'],
    ],
  ])('rejects %s', (_, ref, subjects, want) => {
    expect(createErrors('rbac.authorization.k8s.io/rolebindings', binding(ref, subjects))).toEqual(want);
  });

  it('never changes its roleRef', () => {
    const old = created('rbac.authorization.k8s.io/rolebindings', binding({ kind: 'Role', name: 'reader' }));
    expect(updateErrors('rbac.authorization.k8s.io/rolebindings', old, binding({ kind: 'ClusterRole', name: 'view' }))).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}: cannot change roleRef',
    ]);
  });

  it('needs a namespace for service accounts in cluster bindings', () => {
    const crb = {
      ...binding({ kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'bot' }]),
      kind: 'ClusterRoleBinding',
      metadata: { name: 'x' },
    };
    expect(createErrors('rbac.authorization.k8s.io/clusterrolebindings', crb, false)).toEqual(['subjects[0].namespace: Required value']);
  });
});
