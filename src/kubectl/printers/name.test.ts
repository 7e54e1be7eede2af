import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../engine/api/types';
import { listOf } from './list';
import { printName, resourceName } from './name';

// Expected text from real kubectl v1.32 (`kubectl create ... --dry-run=client -o name`, and
// `kubectl get pods -o name` against the fixture server for the list; see testdata/README.md).
const expected = JSON.parse(readFileSync(new URL('./testdata/yaml-expected.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

const obj = (apiVersion: string, kind: string, name: string) => ({ apiVersion, kind, metadata: { name } }) as KObject;

describe('-o name', () => {
  it.each([
    [obj('apps/v1', 'Deployment', 'web'), 'deployment.apps/web'],
    [obj('v1', 'ConfigMap', 'c'), 'configmap/c'],
    [obj('batch/v1', 'CronJob', 'cj'), 'cronjob.batch/cj'],
    [obj('scheduling.k8s.io/v1', 'PriorityClass', 'high'), 'priorityclass.scheduling.k8s.io/high'],
    [obj('networking.k8s.io/v1', 'Ingress', 'i'), 'ingress.networking.k8s.io/i'],
  ])('%o prints as %s', (o, text) => {
    expect(resourceName(o)).toBe(text);
    expect(printName([o])).toBe(`${text}\n`);
  });

  it('prints each item of a list', () => {
    const items = [obj('v1', 'Pod', 'deployment'), obj('v1', 'Pod', 'shapes')];
    expect(printName([listOf(items)])).toBe(expected['list.name']);
  });

  it('prints nothing for an empty list', () => {
    expect(printName([listOf([])])).toBe(expected['empty.name']);
  });
});
