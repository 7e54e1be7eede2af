import { describe, expect, it } from 'vitest';
import type { Schema } from '../types';
import { toFieldErrors } from './errors';
import { validateValue } from './validate';

/** Field errors as the server prints them: `field: detail`. */
function check(schema: Schema, value: unknown, fieldPath = ''): string[] {
  return toFieldErrors(validateValue(schema, value), fieldPath).map((e) => `${e.field}: ${e.detail}`);
}

const crontab: Schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        cronSpec: {
          type: 'string',
          pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$',
        },
        image: { type: 'string' },
        replicas: { type: 'integer', minimum: 1, maximum: 10 },
      },
    },
  },
};

describe('schema validation messages (as the API server words them)', () => {
  it('reports the docs example: a bad cron spec and too many replicas', () => {
    expect(
      check(crontab, {
        spec: {
          cronSpec: '* * * *',
          image: 'my-awesome-cron-image',
          replicas: 15,
        },
      }),
    ).toEqual([
      `spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`,
      'spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10',
    ]);
  });

  it('reports a wrong type with the inferred type name', () => {
    expect(check(crontab, { spec: { replicas: 'string' } })).toEqual([
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    ]);
    expect(check(crontab, { spec: { replicas: 1.5 } })).toEqual([
      'spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"',
    ]);
    expect(check(crontab, { spec: 'x' })).toEqual(['spec: Invalid value: "string": spec in body must be of type object: "string"']);
  });

  it('accepts a whole float where an integer is wanted, and checks minimum before maximum', () => {
    expect(check(crontab, { spec: { replicas: 3.0 } })).toEqual([]);
    expect(check(crontab, { spec: { replicas: 0 } })).toEqual(['spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1']);
  });

  it('reports missing required fields, at the root and nested', () => {
    const s: Schema = {
      type: 'object',
      required: ['spec'],
      properties: {
        spec: {
          type: 'object',
          required: ['x'],
          properties: { x: { type: 'string' } },
        },
      },
    };
    expect(check(s, {})).toEqual(['spec: Required value']);
    expect(check(s, { spec: {} })).toEqual(['spec.x: Required value']);
  });

  it('reports enums as unsupported values', () => {
    const s: Schema = {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['fast', 'slow'] },
        n: { type: 'integer', enum: [1, 2] },
      },
    };
    expect(check(s, { mode: 'medium', n: 3 })).toEqual([
      'mode: Unsupported value: "medium": supported values: "fast", "slow"',
      'n: Unsupported value: 3: supported values: "1", "2"',
    ]);
  });

  it('reports string length and item counts with their own error types', () => {
    const s: Schema = {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 3 },
        code: { type: 'string', minLength: 2 },
        tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
        ports: { type: 'array', minItems: 1, items: { type: 'integer' } },
      },
    };
    expect(check(s, { name: 'abcd', code: 'a', tags: ['a', 'b', 'c'], ports: [] })).toEqual([
      'code: Invalid value: "a": code in body should be at least 2 chars long',
      'name: Too long: may not be more than 3 bytes',
      'ports: Invalid value: 0: ports in body should have at least 1 items',
      'tags: Too many: 3: must have at most 2 items',
    ]);
  });

  it('counts characters, not bytes, for lengths', () => {
    expect(check({ type: 'string', maxLength: 2 }, 'äö')).toEqual([]);
  });

  it('paths array items and map values', () => {
    const s: Schema = {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { port: { type: 'integer', maximum: 65535 } },
          },
        },
        env: { type: 'object', additionalProperties: { type: 'string' } },
      },
    };
    expect(
      check(s, {
        items: [{ port: 80 }, { port: 70000 }],
        env: { A: 'x', B: 2 },
      }),
    ).toEqual([
      'env.B: Invalid value: "integer": env.B in body must be of type string: "integer"',
      'items[1].port: Invalid value: 70000: items[1].port in body should be less than or equal to 65535',
    ]);
  });

  it('refuses null unless nullable', () => {
    const s: Schema = {
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'string', nullable: true },
      },
    };
    expect(check(s, { a: null, b: null })).toEqual(['a: Invalid value: "null": a in body must be of type string: "null"']);
  });

  it('takes int-or-string fields as either', () => {
    const s: Schema = {
      type: 'object',
      properties: { port: { 'x-kubernetes-int-or-string': true } },
    };
    expect(check(s, { port: 80 })).toEqual([]);
    expect(check(s, { port: 'http' })).toEqual([]);
    expect(check(s, { port: true })).toEqual(['port: Invalid value: "boolean": port in body must be of type integer,string: "boolean"']);
  });

  it('checks the supported formats and ignores the others', () => {
    const s: Schema = {
      type: 'object',
      properties: {
        at: { type: 'string', format: 'date-time' },
        day: { type: 'string', format: 'date' },
        v: { type: 'string', format: 'semver' },
      },
    };
    expect(
      check(s, {
        at: '2025-01-06T09:00:00Z',
        day: '2025-02-28',
        v: 'whatever',
      }),
    ).toEqual([]);
    expect(check(s, { at: 'yesterday', day: '2025-02-30' })).toEqual([
      'at: Invalid value: "yesterday": at in body must be of type date-time: "yesterday"',
      'day: Invalid value: "2025-02-30": day in body must be of type date: "2025-02-30"',
    ]);
  });

  it('reports exclusive bounds and multiples', () => {
    const s: Schema = {
      type: 'object',
      properties: {
        n: {
          type: 'number',
          exclusiveMaximum: true,
          maximum: 1.5,
          multipleOf: 0.5,
        },
      },
    };
    expect(check(s, { n: 1.5 })).toEqual(['n: Invalid value: 1.5: n in body should be less than 1.5']);
    expect(check(s, { n: 0.3 })).toEqual(['n: Invalid value: 0.3: n in body should be a multiple of 0.5']);
  });

  it('prints errors at the root of the validated value as <nil>, and relative names under a field path', () => {
    expect(check({ type: 'object' }, 'x')).toEqual(['<nil>: Invalid value: "string":  in body must be of type object: "string"']);
    expect(check({ type: 'object', properties: { replicas: { type: 'integer' } } }, { replicas: 'x' }, 'status')).toEqual([
      'status.replicas: Invalid value: "string": replicas in body must be of type integer: "string"',
    ]);
  });

  it('reports anyOf failures as the server does (no field path)', () => {
    const s: Schema = {
      type: 'object',
      properties: {
        v: {
          anyOf: [{ type: 'integer' }, { type: 'string' }],
          'x-kubernetes-int-or-string': true,
          maximum: 5,
        },
      },
    };
    expect(check(s, { v: 3 })).toEqual([]);
    const one: Schema = {
      type: 'object',
      properties: {
        v: { type: 'integer', anyOf: [{ minimum: 10 }, { maximum: 2 }] },
      },
    };
    expect(check(one, { v: 5 })).toEqual([
      '<nil>: Invalid value: "": "v" must validate at least one schema (anyOf)',
      'v: Invalid value: 5: v in body should be greater than or equal to 10',
    ]);
  });
});
