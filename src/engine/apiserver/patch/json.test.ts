import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../api/types';
import { PatchError, toStatusError, UNPROCESSABLE_MESSAGE } from './errors';
import { jsonPatch } from './json';

function failure(target: unknown, ops: unknown): PatchError {
  try {
    jsonPatch(target, ops);
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('expected the patch to fail');
}

describe('jsonPatch: RFC 6902 appendix A', () => {
  const cases: [name: string, doc: unknown, ops: unknown[], result: unknown][] = [
    ['A.1 adding an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { baz: 'qux', foo: 'bar' }],
    [
      'A.2 adding an array element',
      { foo: ['bar', 'baz'] },
      [{ op: 'add', path: '/foo/1', value: 'qux' }],
      { foo: ['bar', 'qux', 'baz'] },
    ],
    ['A.3 removing an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
    ['A.4 removing an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
    [
      'A.5 replacing a value',
      { baz: 'qux', foo: 'bar' },
      [{ op: 'replace', path: '/baz', value: 'boo' }],
      { baz: 'boo', foo: 'bar' },
    ],
    [
      'A.6 moving a value',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    [
      'A.7 moving an array element',
      { foo: ['all', 'grass', 'cows', 'eat'] },
      [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
      { foo: ['all', 'cows', 'eat', 'grass'] },
    ],
    [
      'A.8 testing a value: success',
      { baz: 'qux', foo: ['a', 2, 'c'] },
      [
        { op: 'test', path: '/baz', value: 'qux' },
        { op: 'test', path: '/foo/1', value: 2 },
      ],
      { baz: 'qux', foo: ['a', 2, 'c'] },
    ],
    [
      'A.10 adding a nested member object',
      { foo: 'bar' },
      [{ op: 'add', path: '/child', value: { grandchild: {} } }],
      { foo: 'bar', child: { grandchild: {} } },
    ],
    [
      'A.11 ignoring unrecognized elements',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }],
      { foo: 'bar', baz: 'qux' },
    ],
    ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
    [
      'A.16 adding an array value',
      { foo: ['bar'] },
      [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
      { foo: ['bar', ['abc', 'def']] },
    ],
  ];
  for (const [name, doc, ops, result] of cases) {
    it(name, () => expect(jsonPatch(doc, ops)).toEqual(result));
  }

  it('A.9 testing a value: error', () => {
    const err = failure({ baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]);
    expect(err.message).toBe('testing value /baz failed: test failed');
  });
  it('A.12 adding to a nonexistent target', () => {
    const err = failure({ foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }]);
    expect(err.message).toBe('add operation does not apply: doc is missing path: "/baz/bat": missing value');
  });
  it('A.15 comparing strings and numbers', () => {
    const err = failure({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }]);
    expect(err.message).toBe('testing value /~01 failed: test failed');
  });
});

describe('jsonPatch on Kubernetes objects', () => {
  const deploy = {
    metadata: { name: 'web', labels: { app: 'web', env: 'dev' }, annotations: { 'example.com/owner': 'team-a' } },
    spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  };

  it('scales, appends a container, drops a label and an annotation with a / in its key', () => {
    const result = jsonPatch(deploy, [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'log', image: 'busybox' } },
      { op: 'remove', path: '/metadata/labels/env' },
      { op: 'remove', path: '/metadata/annotations/example.com~1owner' },
    ]);
    expect(result).toEqual({
      metadata: { name: 'web', labels: { app: 'web' }, annotations: {} },
      spec: {
        replicas: 3,
        template: {
          spec: {
            containers: [
              { name: 'web', image: 'nginx:1.27' },
              { name: 'log', image: 'busybox' },
            ],
          },
        },
      },
    });
  });

  it('replace of a missing member adds it, as the server does', () => {
    expect(jsonPatch({ spec: {} }, [{ op: 'replace', path: '/spec/paused', value: true }])).toEqual({
      spec: { paused: true },
    });
  });

  it('negative indices count from the end', () => {
    expect(jsonPatch({ a: [1, 2, 3] }, [{ op: 'remove', path: '/a/-1' }])).toEqual({ a: [1, 2] });
    expect(jsonPatch({ a: [1, 2] }, [{ op: 'add', path: '/a/-1', value: 9 }])).toEqual({ a: [1, 2, 9] });
  });

  it('copy duplicates a value', () => {
    expect(jsonPatch({ a: { b: [1] } }, [{ op: 'copy', from: '/a', path: '/c' }])).toEqual({ a: { b: [1] }, c: { b: [1] } });
  });

  it('test treats an absent member as null', () => {
    expect(jsonPatch({ a: 1 }, [{ op: 'test', path: '/b', value: null }])).toEqual({ a: 1 });
  });

  it('replace of the whole document', () => {
    expect(jsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }])).toEqual({ b: 2 });
  });

  it('applies operations in order and stops at the first failure', () => {
    const err = failure(deploy, [
      { op: 'replace', path: '/spec/replicas', value: 5 },
      { op: 'test', path: '/spec/replicas', value: 1 },
    ]);
    expect(err.message).toBe('testing value /spec/replicas failed: test failed');
  });
});

describe('jsonPatch errors', () => {
  const doc = { spec: { replicas: 1, ports: [80, 443] } };
  const cases: [name: string, ops: unknown[], message: string][] = [
    [
      'remove of a missing member',
      [{ op: 'remove', path: '/spec/foo' }],
      "error in remove for path: '/spec/foo': Unable to remove nonexistent key: foo: missing value",
    ],
    [
      'remove under a missing parent',
      [{ op: 'remove', path: '/status/phase' }],
      'remove operation does not apply: doc is missing path: "/status/phase": missing value',
    ],
    [
      'replace under a missing parent',
      [{ op: 'replace', path: '/status/phase', value: 'x' }],
      'replace operation does not apply: doc is missing path: /status/phase: missing value',
    ],
    [
      'replace past the end of a list',
      [{ op: 'replace', path: '/spec/ports/2', value: 1 }],
      'replace operation does not apply: doc is missing key: /spec/ports/2: missing value',
    ],
    [
      'add past the end of a list',
      [{ op: 'add', path: '/spec/ports/5', value: 1 }],
      "error in add for path: '/spec/ports/5': Unable to access invalid index: 5: invalid index referenced",
    ],
    [
      'add with a non-numeric index',
      [{ op: 'add', path: '/spec/ports/x', value: 1 }],
      `error in add for path: '/spec/ports/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
    ],
    [
      'remove past the end of a list',
      [{ op: 'remove', path: '/spec/ports/2' }],
      "error in remove for path: '/spec/ports/2': Unable to access invalid index: 2: invalid index referenced",
    ],
    ['missing path', [{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    [
      'move from a missing parent',
      [{ op: 'move', from: '/a/b', path: '/c' }],
      'move operation does not apply: doc is missing from path: /a/b: missing value',
    ],
    [
      'copy to a missing parent',
      [{ op: 'copy', from: '/spec', path: '/a/b' }],
      'copy operation does not apply: doc is missing destination path: /a/b: missing value',
    ],
    [
      'test under a missing parent',
      [{ op: 'test', path: '/a/b', value: 1 }],
      'test operation does not apply: is missing path: /a/b: missing value',
    ],
    ['unknown operation', [{ op: 'frobnicate', path: '/a' }], 'Unexpected kind: frobnicate'],
    ['operation without op', [{ path: '/a' }], 'Unexpected kind: unknown'],
  ];
  for (const [name, ops, message] of cases) {
    it(name, () => {
      const err = failure(doc, ops);
      expect(err.message).toBe(message);
      expect(err.code).toBe(422);
      expect(err.statusMessage).toBe(UNPROCESSABLE_MESSAGE);
    });
  }

  it('is answered with a bare 422 Status, whatever the cause', () => {
    const status = toStatusError(failure(doc, [{ op: 'test', path: '/spec/replicas', value: 2 }])).status;
    expect(status).toEqual({
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    });
  });

  it('refuses a patch that is not a list of operations (400)', () => {
    const err = failure(doc, { op: 'add', path: '/a', value: 1 });
    expect(err.code).toBe(400);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    expect(failure(doc, ['add']).message).toBe('json: cannot unmarshal string into Go value of type jsonpatch.Operation');
  });
});

/** Objects and arrays of small values, and a path to one of their containers. */
const leaf = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b'), fc.boolean(), fc.constant(null));
const { doc } = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('doc'), fc.array(tie('node'), { maxLength: 3 })),
  doc: fc.dictionary(fc.constantFrom('a', 'b', 'c/d', 'e~f'), tie('node'), { maxKeys: 4 }),
}));

type Container = Record<string, unknown> | unknown[];
const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every container in `value` with its JSON pointer. Null members cannot be walked through. */
function containers(value: unknown, pointer = ''): [string, Container][] {
  if (value === null || typeof value !== 'object') return [];
  const out: [string, Container][] = [[pointer, value as Container]];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) out.push(...containers(v, `${pointer}/${escapeToken(k)}`));
  return out;
}

describe('jsonPatch properties', () => {
  it('add then remove at the same place is the identity', () => {
    const scenario = doc.chain((d) =>
      fc.record({
        d: fc.constant(d),
        at: fc.constantFrom(...containers(d)),
        key: fc.string({ maxLength: 3 }),
        index: fc.nat(),
        value: fc.oneof(leaf, doc),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ d, at: [pointer, container], key, index, value }) => {
        const slot = Array.isArray(container)
          ? String(index % (container.length + 1))
          : escapeToken(Object.hasOwn(container, key) ? `${key}-new` : key);
        if (!Array.isArray(container) && Object.hasOwn(container, `${key}-new`)) return;
        const path = `${pointer}/${slot}`;
        const ops = [
          { op: 'add', path, value },
          { op: 'remove', path },
        ];
        expect(jsonPatch(deepFreeze(d), deepFreeze(ops))).toEqual(d);
      }),
    );
  });

  it('never mutates its inputs, and a test of what was added passes', () => {
    fc.assert(
      fc.property(doc, doc, (d, value) => {
        const before = structuredClone(d);
        const ops = [
          { op: 'add', path: '/new', value },
          { op: 'test', path: '/new', value },
        ];
        jsonPatch(deepFreeze(d), deepFreeze(ops));
        expect(d).toEqual(before);
      }),
    );
  });
});
