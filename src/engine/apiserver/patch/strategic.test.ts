import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../api/types';
import { PatchError, toStatusError } from './errors';
import type { PatchSchema } from './meta';
import { applyPreconditions } from './preconditions';
import { schemaFor } from './schema';
import { createThreeWayMergePatch, createTwoWayMergePatch, strategicMergePatch } from './strategic';

const podSchema = schemaFor('v1', 'Pod') as PatchSchema;
const deploySchema = schemaFor('apps/v1', 'Deployment') as PatchSchema;

function failure(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('expected a PatchError');
}

describe('kubectl apply (three-way), as the Kubernetes documentation describes it', () => {
  it('deletes containers dropped from the config, adds new ones, keeps what others added', () => {
    const lastApplied = {
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.16' },
          { name: 'nginx-helper-a', image: 'helper:1.3' },
          { name: 'nginx-helper-b', image: 'helper:1.3' },
        ],
      },
    };
    const config = {
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.16' },
          { name: 'nginx-helper-b', image: 'helper:1.3' },
          { name: 'nginx-helper-c', image: 'helper:1.3' },
        ],
      },
    };
    const live = {
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.16' },
          { name: 'nginx-helper-a', image: 'helper:1.3' },
          { name: 'nginx-helper-b', image: 'helper:1.3', args: ['run'] },
          { name: 'nginx-helper-d', image: 'helper:1.3' },
        ],
      },
    };
    const patch = createThreeWayMergePatch(lastApplied, config, live, podSchema);
    expect(patch).toEqual({
      spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'nginx-helper-b' }, { name: 'nginx-helper-c' }],
        containers: [
          { name: 'nginx-helper-c', image: 'helper:1.3' },
          { name: 'nginx-helper-a', $patch: 'delete' },
        ],
      },
    });
    // The order is what kubectl v1.32 produces for this patch (d stays before the new c).
    expect(strategicMergePatch(live, patch, podSchema)).toEqual({
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.16' },
          { name: 'nginx-helper-b', image: 'helper:1.3', args: ['run'] },
          { name: 'nginx-helper-d', image: 'helper:1.3' },
          { name: 'nginx-helper-c', image: 'helper:1.3' },
        ],
      },
    });
  });

  it('replaces a list of scalars with the config value', () => {
    const c = (args: string[]) => ({ spec: { containers: [{ name: 'app', image: 'app', args }] } });
    const patch = createThreeWayMergePatch(c(['a', 'b']), c(['a', 'c']), c(['a', 'b', 'd']), podSchema);
    expect(strategicMergePatch(c(['a', 'b', 'd']), patch, podSchema)).toEqual(c(['a', 'c']));
  });

  it('clears a field removed from the config and keeps one set by kubectl scale', () => {
    const lastApplied = { spec: { minReadySeconds: 5, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } } } };
    const config = { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } };
    const live = {
      spec: {
        replicas: 2,
        minReadySeconds: 5,
        template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', imagePullPolicy: 'IfNotPresent' }] } },
      },
    };
    const patch = createThreeWayMergePatch(lastApplied, config, live, deploySchema);
    expect(patch).toEqual({
      spec: {
        minReadySeconds: null,
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }],
            containers: [{ name: 'nginx', image: 'nginx:1.16.1' }],
          },
        },
      },
    });
    expect(strategicMergePatch(live, patch, deploySchema)).toEqual({
      spec: {
        replicas: 2,
        template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1', imagePullPolicy: 'IfNotPresent' }] } },
      },
    });
  });

  it('clears the defaulted rollingUpdate when the config switches to Recreate ($retainKeys)', () => {
    const base = { template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } };
    const live = { spec: { ...base, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } } };
    const config = { spec: { ...base, strategy: { type: 'Recreate' } } };
    const patch = createThreeWayMergePatch({ spec: base }, config, live, deploySchema);
    // strategy has the retainKeys strategy, so the patch names the keys to keep.
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect(strategicMergePatch(live, patch, deploySchema)).toEqual(config);
  });

  it('sends $retainKeys when the config itself drops rollingUpdate', () => {
    const base = { template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } };
    const rolling = { spec: { ...base, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const recreate = { spec: { ...base, strategy: { type: 'Recreate' } } };
    const patch = createThreeWayMergePatch(rolling, recreate, rolling, deploySchema);
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } });
    expect(strategicMergePatch(rolling, patch, deploySchema)).toEqual(recreate);
  });

  it('with --overwrite=false, refuses to change a field someone else changed', () => {
    const err = failure(() =>
      createThreeWayMergePatch({ spec: { replicas: 1 } }, { spec: { replicas: 3 } }, { spec: { replicas: 2 } }, deploySchema, {
        overwrite: false,
      }),
    );
    expect(err.clientKind).toBe('conflict');
    expect(err.message).toBe(
      'patch:\nspec:\n  replicas: 3\n\nconflicts with changes made from original to current:\nspec:\n  replicas: 2\n\n',
    );
  });

  it('refuses to rename the object (kubectl apply preconditions)', () => {
    const err = failure(() =>
      createThreeWayMergePatch({ metadata: { name: 'a' } }, { metadata: { name: 'b' } }, { metadata: { name: 'a' } }, podSchema, {
        preconditions: applyPreconditions,
      }),
    );
    expect(err.clientKind).toBe('precondition');
    expect(err.message).toBe('precondition failed for: map[metadata:map[name:b]]');
  });
});

describe('two-way patches of imperative kubectl commands', () => {
  const deploy = {
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 1, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } },
  };

  it('kubectl set image', () => {
    const modified = structuredClone(deploy);
    modified.spec.template.spec.containers[0].image = 'nginx:1.27';
    expect(createTwoWayMergePatch(deploy, modified, deploySchema)).toEqual({
      spec: {
        template: {
          spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.27', name: 'nginx' }] },
        },
      },
    });
  });

  it('kubectl label and kubectl label -', () => {
    const labelled = { ...deploy, metadata: { ...deploy.metadata, labels: { app: 'web', tier: 'fe' } } };
    expect(createTwoWayMergePatch(deploy, labelled, deploySchema)).toEqual({ metadata: { labels: { tier: 'fe' } } });
    const unlabelled = { ...deploy, metadata: { name: 'web', labels: {} } };
    expect(createTwoWayMergePatch(deploy, unlabelled, deploySchema)).toEqual({ metadata: { labels: { app: null } } });
  });

  it('removing a finalizer', () => {
    const a = { metadata: { finalizers: ['example.com/a', 'example.com/b'] } };
    const b = { metadata: { finalizers: ['example.com/b'] } };
    const patch = createTwoWayMergePatch(a, b, podSchema);
    expect(patch).toEqual({
      metadata: {
        '$deleteFromPrimitiveList/finalizers': ['example.com/a'],
        '$setElementOrder/finalizers': ['example.com/b'],
      },
    });
    expect(strategicMergePatch(a, patch, podSchema)).toEqual(b);
  });

  it('no change, no patch', () => {
    expect(createTwoWayMergePatch(deploy, structuredClone(deploy), deploySchema)).toEqual({});
  });
});

describe('strategicMergePatch errors and the Status the server answers with', () => {
  const pod = { spec: { containers: [{ name: 'app', image: 'app' }] } };
  const cases: [name: string, patch: unknown, code: number, reason: string | undefined, message: string][] = [
    [
      'a list element without its merge key (500, no reason)',
      { spec: { containers: [{ image: 'nginx' }] } },
      500,
      undefined,
      'map: map[image:nginx] does not contain declared merge key: name',
    ],
    [
      '$retainKeys that is not a list (400)',
      { spec: { volumes: [{ name: 'data', $retainKeys: 'name' }] } },
      400,
      'BadRequest',
      'invalid patch format of retainKeys',
    ],
    ['a list of lists (422)', { metadata: { finalizers: [['a']] } }, 422, 'Invalid', 'lists of lists are not supported'],
    ['a patch that is not an object (400)', ['x'], 400, 'BadRequest', 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
  ];
  for (const [name, patch, code, reason, message] of cases) {
    it(name, () => {
      const target = {
        metadata: { finalizers: [] },
        spec: { ...pod.spec, volumes: [{ name: 'data', emptyDir: {} }] },
      };
      const err = failure(() => strategicMergePatch(target, patch, podSchema));
      expect([err.code, err.reason, err.message]).toEqual([code, reason, message]);
      const status = toStatusError(err).status;
      expect(status.code).toBe(code);
      expect(status.reason).toBe(reason);
      expect(status.message).toBe(code === 422 ? 'the server rejected our request due to an error in our request' : message);
    });
  }

  it('removes directives that would otherwise reach the stored object', () => {
    const result = strategicMergePatch(
      { spec: {} },
      { spec: { containers: [{ name: 'a', image: 'a', '$setElementOrder/env': [{ name: 'X' }], env: [{ name: 'X', value: '1' }] }] } },
      podSchema,
    );
    expect(result).toEqual({ spec: { containers: [{ name: 'a', image: 'a', env: [{ name: 'X', value: '1' }] }] } });
  });
});

// ---- properties ------------------------------------------------------------------------------

const uniq = <T>(xs: readonly T[]) => fc.shuffledSubarray([...xs]);
const env = uniq(['A', 'B', 'C']).chain((names) =>
  fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), value: fc.constantFrom('1', '2') }))),
);
const container = (name: string) =>
  fc.record(
    {
      name: fc.constant(name),
      image: fc.constantFrom('nginx:1.26', 'nginx:1.27', 'redis'),
      args: fc.array(fc.constantFrom('-v', '--x', 'run'), { maxLength: 3 }),
      env,
      ports: uniq([80, 443, 8080]).map((ps) => ps.map((containerPort) => ({ containerPort, protocol: 'TCP' }))),
      resources: fc.record({ limits: fc.dictionary(fc.constantFrom('cpu', 'memory'), fc.constantFrom('1', '2')) }),
    },
    { requiredKeys: ['name', 'image'] },
  );
const volume = (name: string) =>
  fc.oneof(
    fc.constant({ name, emptyDir: {} }),
    fc.constantFrom('cfg-a', 'cfg-b').map((c) => ({ name, configMap: { name: c } })),
    fc.constant({ name, secret: { secretName: 'tls' } }),
  );
const pod = fc.record({
  metadata: fc.record(
    {
      name: fc.constant('web'),
      labels: fc.dictionary(fc.constantFrom('app', 'tier', 'env'), fc.constantFrom('a', 'b')),
      finalizers: uniq(['example.com/a', 'example.com/b', 'example.com/c']),
      ownerReferences: uniq(['u1', 'u2']).map((uids) => uids.map((uid) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid }))),
    },
    { requiredKeys: ['name'] },
  ),
  spec: fc.record(
    {
      containers: uniq(['web', 'sidecar', 'log', 'proxy'])
        .filter((ns) => ns.length > 0)
        .chain((ns) => fc.tuple(...ns.map(container))),
      initContainers: uniq(['init']).chain((ns) => fc.tuple(...ns.map(container))),
      volumes: uniq(['data', 'config']).chain((ns) => fc.tuple(...ns.map(volume))),
      tolerations: fc.array(fc.record({ key: fc.constantFrom('a', 'b'), operator: fc.constant('Exists') }), { maxLength: 2 }),
      nodeSelector: fc.dictionary(fc.constantFrom('zone', 'disk'), fc.constantFrom('x', 'y')),
      restartPolicy: fc.constantFrom('Always', 'Never'),
    },
    { requiredKeys: ['containers'] },
  ),
});

describe('strategic merge patch properties (pods)', () => {
  it('applying createTwoWayMergePatch(a, b) to a gives b, list order included', () => {
    fc.assert(
      fc.property(pod, pod, (a, b) => {
        const patch = createTwoWayMergePatch(deepFreeze(a), deepFreeze(b), podSchema);
        expect(strategicMergePatch(a, deepFreeze(patch), podSchema)).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });

  it('a computed patch can be applied twice', () => {
    fc.assert(
      fc.property(pod, pod, (a, b) => {
        const patch = createTwoWayMergePatch(a, b, podSchema);
        expect(strategicMergePatch(b, patch, podSchema)).toEqual(b);
      }),
    );
  });

  it('kubectl apply leaves fields set by others alone and applies the config', () => {
    // What the server and controllers add to a live pod: defaults inside containers, status.
    const live = (p: typeof pod extends fc.Arbitrary<infer T> ? T : never) => ({
      ...p,
      metadata: { ...p.metadata, uid: 'uid-1', resourceVersion: '42' },
      spec: {
        ...p.spec,
        containers: p.spec.containers.map((c) => ({ terminationMessagePath: '/dev/termination-log', ...c })),
        nodeName: 'node-1',
      },
      status: { phase: 'Running', podIP: '10.0.0.5' },
    });
    fc.assert(
      fc.property(pod, pod, (lastApplied, config) => {
        const current = live(lastApplied);
        const patch = createThreeWayMergePatch(deepFreeze(lastApplied), deepFreeze(config), deepFreeze(current), podSchema);
        const kept = new Set(lastApplied.spec.containers.map((c) => c.name));
        const expected = {
          ...config,
          metadata: { ...config.metadata, uid: 'uid-1', resourceVersion: '42' },
          spec: {
            ...config.spec,
            // Defaults survive on containers that existed before; new containers arrive as configured.
            containers: config.spec.containers.map((c) =>
              kept.has(c.name) ? { terminationMessagePath: '/dev/termination-log', ...c } : c,
            ),
            nodeName: 'node-1',
          },
          status: { phase: 'Running', podIP: '10.0.0.5' },
        };
        expect(strategicMergePatch(current, patch, podSchema)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('without changes by others, the three-way patch equals the two-way patch in effect', () => {
    fc.assert(
      fc.property(pod, pod, (a, b) => {
        const patch = createThreeWayMergePatch(a, b, a, podSchema, { overwrite: false });
        expect(strategicMergePatch(a, patch, podSchema)).toEqual(b);
      }),
    );
  });
});
