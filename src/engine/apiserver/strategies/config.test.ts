import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../api/status';
import { base64Error } from './config';
import { createErrors, created, updateErrors } from './test-helpers';

// ValidateConfigMap(Update), ValidateSecret(Update) and the v1 Secret conversion.

const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

const cm = (data: Record<string, string>, immutable?: boolean): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', namespace: 'default' },
  data,
  ...(immutable === undefined ? {} : { immutable }),
});
const secret = (extra: Partial<Secret>): Secret => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's', namespace: 'default' },
  ...extra,
});

describe('ConfigMap', () => {
  it('checks keys', () => {
    expect(createErrors('configmaps', cm({ 'a b': 'x' }))).toEqual([`data[a b]: Invalid value: "a b": ${CONFIG_KEY_MSG}`]);
    expect(createErrors('configmaps', cm({ '..x': 'x' }))).toEqual(['data[..x]: Invalid value: "..x": must not start with \'..\'']);
  });

  it('limits the total size to 1 MiB, reported on the whole object', () => {
    expect(createErrors('configmaps', cm({ big: 'x'.repeat(1 << 20) }))).toEqual([]);
    expect(createErrors('configmaps', cm({ big: 'x'.repeat((1 << 20) + 1) }))).toEqual([': Too long: may not be more than 1048576 bytes']);
  });

  it('freezes an immutable ConfigMap', () => {
    const old = created('configmaps', cm({ a: '1' }, true));
    expect(updateErrors('configmaps', old, cm({ a: '2' }, true))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(updateErrors('configmaps', old, cm({ a: '1' }, false))).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
    ]);
    expect(updateErrors('configmaps', created('configmaps', cm({ a: '1' })), cm({ a: '2' }))).toEqual([]);
  });
});

describe('Secret', () => {
  it('defaults the type and merges stringData into data', () => {
    const s = created('secrets', secret({ data: { a: 'MQ==' }, stringData: { b: 'two', a: 'one' } }));
    expect(s).toMatchObject({ type: 'Opaque', data: { a: 'b25l', b: 'dHdv' } });
    expect(s).not.toHaveProperty('stringData');
  });

  it('rejects data that is not base64, as the decoder does', () => {
    try {
      created('secrets', secret({ data: { a: 'not base64!' } }));
      expect.unreachable();
    } catch (e) {
      expect(isStatusError(e, 'BadRequest')).toBe(true);
      expect((e as Error).message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
    }
  });

  it.each<[string, Partial<Secret>, string[]]>([
    ['a TLS secret without its key', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y2VydA==' } }, ['data[tls.key]: Required value']],
    [
      'a basic-auth secret without credentials',
      { type: 'kubernetes.io/basic-auth', data: {} },
      ['data[username]: Required value', 'data[password]: Required value'],
    ],
    ['an SSH secret without a key', { type: 'kubernetes.io/ssh-auth', data: {} }, ['data[ssh-privatekey]: Required value']],
    [
      'a docker config secret without config',
      { type: 'kubernetes.io/dockerconfigjson', data: {} },
      ['data[.dockerconfigjson]: Required value'],
    ],
    [
      'a service account token without its account',
      { type: 'kubernetes.io/service-account-token' },
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
  ])('rejects %s', (_, extra, want) => {
    expect(createErrors('secrets', secret(extra))).toEqual(want);
  });

  it('accepts a basic-auth secret with only a password', () => {
    expect(createErrors('secrets', secret({ type: 'kubernetes.io/basic-auth', stringData: { password: 'p' } }))).toEqual([]);
  });

  it('keeps the type immutable', () => {
    const old = created('secrets', secret({ data: {} }));
    expect(updateErrors('secrets', old, secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }))).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    ]);
  });
});

describe('base64Error', () => {
  it.each([
    ['aGVsbG8=', undefined],
    ['aGVsbG8', 4],
    ['abc', 0],
    ['a!bc', 1],
    ['', undefined],
  ])('%j → %s', (text, want) => {
    expect(base64Error(text)).toBe(want);
  });
});
