import { describe, expect, it } from 'vitest';
import { findProblems, parseFieldPath } from './problems';

const TEXT = `apiVersion: v1
kind: ConfigMap
metadata:
  name: first
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  template:
    spec:
      containers:
      - name: app
        image: ""
`;

describe('findProblems', () => {
  it('parses field paths', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(parseFieldPath('metadata.labels')).toEqual(['metadata', 'labels']);
  });

  it('places field errors in the document of that kind and name', () => {
    const stderr = 'The Deployment "web" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.template.spec.containers[0].image: Required value';
    const p = findProblems(TEXT, stderr);
    expect(p.map((x) => [x.line, x.message])).toEqual([
      [11, 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
      [16, 'spec.template.spec.containers[0].image: Required value'],
    ]);
    expect(p[0].column).toBe(13);
  });

  it('a missing field points at its parent; an unknown object is not placed', () => {
    const p = findProblems(TEXT, 'The Deployment "web" is invalid: spec.selector: Required value');
    expect(p.map((x) => x.line)).toEqual([11]);
    expect(findProblems(TEXT, 'The Deployment "other" is invalid: spec.replicas: Required value')).toEqual([]);
  });

  it('places the unknown fields of a strict decoding error in a document of that kind', () => {
    const text = TEXT.replace('      - name: app\n', '      - name: app\n        imagePullPolcy: Always\n');
    const stderr =
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy"';
    expect(findProblems(text, stderr).map((x) => [x.line, x.message])).toEqual([[16, 'unknown field "spec.template.spec.containers[0].imagePullPolcy"']]);
  });

  it('marks the line of a YAML syntax error', () => {
    const p = findProblems('a: b\nc: d: e\n', 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context');
    expect(p).toEqual([{ line: 2, column: 1, endLine: 2, endColumn: 8, message: 'mapping values are not allowed in this context' }]);
  });
});
