import { describe, expect, it } from 'vitest';
import { fieldValidationOf, strictDecodingError, unknownFields } from './strict';

describe('strict field validation', () => {
  it.each([
    ['a known Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, []],
    [
      'misspelt fields at every depth, in document order',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', lable: {} }, spec: { replica: 1, template: { spec: { containers: [{ name: 'c' }, { name: 'd', imagePullPolcy: 'Always' }] } } } },
      ['metadata.lable', 'spec.replica', 'spec.template.spec.containers[1].imagePullPolcy'],
    ],
    ['free-form data (a ControllerRevision)', { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { anything: 1 } }, []],
    ['a custom resource is not checked here', { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'c' }, colour: 'blue' }, []],
    ['labels are a map, not fields', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { anything: 'goes' } }, data: { k: 'v' } }, []],
  ])('%s', async (_, obj, want) => {
    expect(await unknownFields(obj)).toEqual(want);
  });

  it('words the refusal as the API server does', () => {
    const err = strictDecodingError({ apiVersion: 'v1', kind: 'ConfigMap' }, ['colour', 'size']);
    expect(err.code).toBe(400);
    expect(err.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "colour", unknown field "size"');
  });

  it('reads --validate as kubectl does', () => {
    expect(['strict', 'true', 'warn', 'ignore', 'false'].map(fieldValidationOf)).toEqual(['Strict', 'Strict', 'Warn', 'Ignore', 'Ignore']);
  });
});
