import { describe, expect, it } from "vitest";
import { decodeSource, type ReadResult } from "./read";

// Each case: a broken manifest and the error real kubectl v1.32 printed for it on `apply -f -`.
const cases: [string, string][] = [
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: {}\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 4: did not find expected key"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x: y\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   labels: {}\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"],
  ["apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: nginx\n   - name: b\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 8: did not find expected key"],
  ["apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 4: found character that cannot start any token"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"x\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 5: found unexpected end of stream"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 3: did not find expected ',' or '}'"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: @x\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 4: found character that cannot start any token"],
  ["apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n  - name: b\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 7: did not find expected key"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1, 2\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 6: did not find expected ',' or ']'"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\nname: x\n  namespace: y\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"],
  ["apiVersion: v1\nkind: ConfigMap\n- metadata:\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 2: did not find expected key"],
  ["apiVersion: v1\nkind ConfigMap\nmetadata:\n  name: x\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 3: could not find expected ':'"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: `x`\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 6: found character that cannot start any token"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    a: b\n  c: d\n    e: f\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context"],
  ["apiVersion: v1\n  kind: ConfigMap\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  - a\n  b: c\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 6: did not find expected '-' indicator"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n - c\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 6: did not find expected key"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 'x\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 5: found unexpected end of stream"],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"b\n  c: d\n", "error parsing STDIN: error converting YAML to JSON: yaml: line 8: found unexpected end of stream"],
];

describe("YAML errors as kubectl words them", () => {
  it.each(cases)("%j", (text, expected) => {
    const r: ReadResult = { objects: [], errors: [] };
    decodeSource(text, "STDIN", true, r);
    expect(r.errors.map((e) => e.message)).toEqual([expected]);
  });
});
