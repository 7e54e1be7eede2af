import { describe, expect, it } from 'vitest';
import { resolvePlain, yamlToJson } from './goyaml';

// go-yaml v2 (which kubectl uses) reads YAML 1.1 scalars.
describe('YAML 1.1 scalars as kubectl reads them', () => {
  it.each<[string, unknown]>([
    ['yes', true],
    ['y', true],
    ['on', true],
    ['off', false],
    ['no', false],
    ['~', null],
    ['0644', 420],
    ['0x1f', 31],
    ['1_000', 1000],
    ['08', 8],
    ['3.5', 3.5],
    ['.inf', Number.POSITIVE_INFINITY],
    ['1.2.3', '1.2.3'],
    ['nginx:1.14', 'nginx:1.14'],
  ])('%s', (text, value) => expect(resolvePlain(text)).toEqual(value));

  it('keeps quoted scalars strings and stringifies keys', () => {
    expect(yamlToJson('a: "yes"\nb: yes\n1: x\non: y\n')).toEqual({ a: 'yes', b: true, '1': 'x', true: true });
  });

  it('merges << keys, the mapping itself winning', () => {
    expect(yamlToJson('base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\n')).toEqual({ base: { a: 1, b: 2 }, x: { a: 1, b: 3 } });
  });
});
