import { describe, expect, it } from 'vitest';
import { TOTAL_ANNOTATION_SIZE_LIMIT, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { msg } from './test-helpers';

// Expected texts are apimachinery's (pkg/api/validation/objectmeta.go, pkg/util/validation) and
// what kubectl prints for them.

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const errs = (
  metadata: Record<string, unknown>,
  nameValidation: 'subdomain' | 'label' | 'dns1035' | 'path-segment' = 'subdomain',
  namespaced = true,
) => validateObjectMeta({ metadata }, nameValidation, namespaced).map(msg);

describe('validateObjectMeta', () => {
  it.each([
    ['no name', { namespace: 'default' }, 'subdomain', ['metadata.name: Required value: name or generateName is required']],
    ['Bad_Name', { name: 'Bad_Name', namespace: 'default' }, 'subdomain', [`metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_MSG}`]],
    [
      'My_Pod (kubectl_output.md)',
      { name: 'My_Pod', namespace: 'default' },
      'subdomain',
      [`metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MSG}`],
    ],
    [
      'service name starting with a digit',
      { name: '1svc', namespace: 'default' },
      'dns1035',
      [`metadata.name: Invalid value: "1svc": ${DNS1035_MSG}`],
    ],
    ['namespace name with a dot', { name: 'a.b', namespace: 'd' }, 'label', ['metadata.name: Invalid value: "a.b": must not contain dots']],
    ['RBAC names may hold colons', { name: 'system:controller:x', namespace: 'default' }, 'path-segment', []],
    [
      'RBAC names may not hold a slash',
      { name: 'a/b', namespace: 'default' },
      'path-segment',
      [`metadata.name: Invalid value: "a/b": may not contain '/'`],
    ],
    ['generateName may end with a dash', { generateName: 'web-', name: 'web-x2kq9', namespace: 'default' }, 'subdomain', []],
  ] as const)('%s', (_, meta, rule, want) => {
    expect(errs(meta as Record<string, unknown>, rule)).toEqual(want);
  });

  it('requires a namespace for namespaced kinds and forbids it for cluster-scoped ones', () => {
    expect(errs({ name: 'x' })).toEqual(['metadata.namespace: Required value']);
    expect(errs({ name: 'x', namespace: 'default' }, 'subdomain', false)).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });

  it('reports label keys and values at metadata.labels', () => {
    expect(errs({ name: 'x', namespace: 'd', labels: { 'bad key': 'v' } })).toEqual([
      `metadata.labels: Invalid value: "bad key": ${NAME_PART_MSG}`,
    ]);
    const long = 'v'.repeat(64);
    expect(errs({ name: 'x', namespace: 'd', labels: { app: long } })).toEqual([
      `metadata.labels: Invalid value: "${long}": must be no more than 63 characters`,
    ]);
  });

  it('limits annotations to 256 KiB in all', () => {
    const big = 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT);
    expect(errs({ name: 'x', namespace: 'd', annotations: { a: big } })).toEqual([
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ]);
    expect(errs({ name: 'x', namespace: 'd', annotations: { a: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT - 1) } })).toEqual([]);
  });

  it('accepts only standard or qualified finalizers', () => {
    expect(errs({ name: 'x', namespace: 'd', finalizers: ['kubernetes', 'example.com/cleanup'] })).toEqual([]);
    expect(errs({ name: 'x', namespace: 'd', finalizers: ['cleanup'] })).toEqual([
      'metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
    expect(errs({ name: 'x', namespace: 'd', finalizers: ['orphan', 'foregroundDeletion'] })).toEqual([
      'metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set',
    ]);
  });

  it('allows one controller owner only', () => {
    const ref = (name: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: name, controller: true });
    const out = errs({ name: 'x', namespace: 'd', ownerReferences: [ref('a'), ref('b')] });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^metadata\.ownerReferences: Invalid value: \[\{"apiVersion":"apps\/v1".*\]: Only one reference can have Controller set to true\. Found "true" in references for ReplicaSet\/a and ReplicaSet\/b$/,
    );
    expect(errs({ name: 'x', namespace: 'd', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: '', uid: '' }] })).toEqual([
      'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
    ]);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old = { metadata: { name: 'x', namespace: 'd', uid: 'u1', creationTimestamp: '2025-01-01T00:00:00Z', generation: 2 } };
  it.each([
    ['name', { name: 'y' }, ['metadata.name: Invalid value: "y": field is immutable']],
    ['namespace', { namespace: 'e' }, ['metadata.namespace: Invalid value: "e": field is immutable']],
    ['uid', { uid: 'u2' }, ['metadata.uid: Invalid value: "u2": field is immutable']],
    [
      'creationTimestamp',
      { creationTimestamp: '2025-02-01T00:00:00Z' },
      ['metadata.creationTimestamp: Invalid value: "2025-02-01T00:00:00Z": field is immutable'],
    ],
    ['generation going back', { generation: 1 }, ['metadata.generation: Invalid value: 1: must not be decremented']],
    ['labels', { labels: { a: 'b' } }, []],
  ])('%s', (_, change, want) => {
    expect(validateObjectMetaUpdate({ metadata: { ...old.metadata, ...change } }, old).map(msg)).toEqual(want);
  });
});
