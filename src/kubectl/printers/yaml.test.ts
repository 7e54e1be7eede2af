import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../engine/api/types';
import { listOf } from './list';
import { printYaml, printYamlDocuments, YamlError } from './yaml';

// Expected outputs are real kubectl v1.32 output (see testdata/README.md).
const objects = JSON.parse(readFileSync(new URL('./testdata/yaml-objects.json', import.meta.url), 'utf8')) as Record<
  string,
  KObject
>;
const expected = JSON.parse(readFileSync(new URL('./testdata/yaml-expected.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

/** The fake server listed the objects in namespace default as a PodList; kubectl then set each item's apiVersion and kind from the list. */
const items = Object.values(objects)
  .filter((o) => o.metadata?.namespace === 'default')
  .map((o) => ({ ...o, apiVersion: 'v1', kind: 'Pod' }));

describe('printYaml', () => {
  it.each(Object.keys(objects))('prints %s exactly like kubectl get -o yaml', (name) => {
    expect(printYaml(objects[name])).toBe(expected[`${name}.yaml`]);
  });

  it('prints a List of several objects like kubectl get -o yaml', () => {
    expect(printYaml(listOf(items))).toBe(expected['list.yaml']);
  });

  it('prints an empty List like kubectl get -o yaml', () => {
    expect(printYaml(listOf([]))).toBe(expected['empty.yaml']);
  });

  it('separates several documents with ---', () => {
    const a = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } };
    const b = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } };
    expect(printYamlDocuments([a, b])).toBe(`${printYaml(a)}---\n${printYaml(b)}`);
  });

  it('prints kubectl create deployment --dry-run=client -o yaml output identically', () => {
    // kubectl create deployment x --image=nginx --dry-run=client -o yaml (typed object: keys in
    // struct order there, but for these fields struct order happens to be alphabetical)
    const obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { creationTimestamp: null, labels: { app: 'x' }, name: 'x' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'x' } },
        strategy: {},
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'x' } },
          spec: { containers: [{ image: 'nginx', name: 'nginx', resources: {} }] },
        },
      },
      status: {},
    };
    expect(printYaml(obj)).toBe(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: x\n  name: x\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: x\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: x\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n',
    );
  });

  // kubectl create configmap c --from-literal=... --dry-run=client -o yaml
  const configMap = (data: Record<string, string>) => ({
    apiVersion: 'v1',
    data,
    kind: 'ConfigMap',
    metadata: { creationTimestamp: null, name: 'c' },
  });

  it('prints multi-line strings as block scalars like kubectl', () => {
    expect(printYaml(configMap({ k: 'line1\nline2\n', m: 'line1\nline2', n: '  lead\nx' }))).toBe(
      'apiVersion: v1\ndata:\n  k: |\n    line1\n    line2\n  m: |-\n    line1\n    line2\n  "n": |2-\n      lead\n    x\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: c\n',
    );
  });

  it("folds NEL characters the way kubectl's JSON-to-YAML round trip does", () => {
    expect(printYaml(configMap({ k: 'a\u0085b', m: 'x \u0085\u0085 y' }))).toBe(
      'apiVersion: v1\ndata:\n  k: a b\n  m: |-\n    x\n    y\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: c\n',
    );
  });

  it("fails on characters YAML forbids, with kubectl's message", () => {
    // kubectl prints "error: yaml: control characters are not allowed" and nothing on stdout.
    expect(() => printYaml(configMap({ k: 'a\u007fb' }))).toThrow(
      new YamlError('yaml: control characters are not allowed'),
    );
  });
});
