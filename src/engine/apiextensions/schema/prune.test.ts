import { describe, expect, it } from 'vitest';
import type { Schema } from '../types';
import { applyDefaults, pruneNonNullableNullsWithoutDefaults } from './defaults';
import { coerceObjectMeta, prune } from './prune';

const schema: Schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        image: { type: 'string' },
        config: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: {
            level: { type: 'object', properties: { n: { type: 'integer' } } },
          },
        },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        ports: {
          type: 'array',
          items: { type: 'object', properties: { port: { type: 'integer' } } },
        },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object' } },
        },
      },
    },
  },
};

describe('pruning', () => {
  it('drops unknown fields at every level and reports them, keeping apiVersion, kind and metadata at the root', () => {
    const obj = {
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'a' },
      extra: 1,
      spec: {
        image: 'nginx',
        colour: 'blue',
        ports: [{ port: 80, name: 'http' }],
        labels: { a: 'b' },
      },
    };
    expect(prune(obj, schema, true)).toEqual(['extra', 'spec.colour', 'spec.ports[0].name']);
    expect(obj).toEqual({
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'a' },
      spec: { image: 'nginx', ports: [{ port: 80 }], labels: { a: 'b' } },
    });
  });

  it('keeps what x-kubernetes-preserve-unknown-fields preserves, but prunes inside specified fields', () => {
    const obj = {
      spec: { config: { anything: { goes: true }, level: { n: 1, m: 2 } } },
    };
    prune(obj, schema, true);
    expect(obj).toEqual({
      spec: { config: { anything: { goes: true }, level: { n: 1 } } },
    });
  });

  it('keeps apiVersion, kind and metadata of embedded resources', () => {
    const obj = {
      spec: {
        template: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: {},
          junk: 1,
        },
      },
    };
    prune(obj, schema, true);
    expect(obj.spec.template).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {},
    });
  });

  it('keeps only ObjectMeta fields in metadata', () => {
    const obj = { metadata: { name: 'a', labels: { x: 'y' }, colour: 'red' } };
    coerceObjectMeta(obj);
    expect(obj.metadata).toEqual({ name: 'a', labels: { x: 'y' } });
  });
});

describe('defaulting', () => {
  const s: Schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        default: {},
        properties: {
          replicas: { type: 'integer', default: 1 },
          image: { type: 'string' },
          mode: { type: 'string', default: 'fast' },
          ports: {
            type: 'array',
            items: {
              type: 'object',
              properties: { protocol: { type: 'string', default: 'TCP' } },
            },
          },
        },
      },
    },
  };

  it('fills missing fields, recursing into defaulted objects and list items', () => {
    const obj: Record<string, unknown> = {};
    applyDefaults(obj, s);
    expect(obj).toEqual({ spec: { replicas: 1, mode: 'fast' } });
    const withPorts = {
      spec: { replicas: 3, ports: [{}, { protocol: 'UDP' }] },
    };
    applyDefaults(withPorts, s);
    expect(withPorts).toEqual({
      spec: {
        replicas: 3,
        mode: 'fast',
        ports: [{ protocol: 'TCP' }, { protocol: 'UDP' }],
      },
    });
  });

  it('replaces a null in a non-nullable field with its default, and drops nulls that have none', () => {
    const obj = { spec: { replicas: null, image: null } };
    pruneNonNullableNullsWithoutDefaults(obj, s);
    applyDefaults(obj, s);
    expect(obj).toEqual({ spec: { replicas: 1, mode: 'fast' } });
  });
});
