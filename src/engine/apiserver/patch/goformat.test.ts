import { describe, expect, it } from 'vitest';
import { goFloat, goFormat } from './goformat';

describe('goFormat: values printed as the server prints them in errors', () => {
  const cases: [value: unknown, text: string][] = [
    [{ name: 'web', image: 'nginx' }, 'map[image:nginx name:web]'],
    [{ b: [1, 'x'], a: { c: null } }, 'map[a:map[c:<nil>] b:[1 x]]'],
    [[], '[]'],
    [true, 'true'],
    [8080, '8080'],
    [1.5, '1.5'],
    [1000000, '1e+06'],
    [123456, '123456'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
  ];
  for (const [value, text] of cases) {
    it(text, () => expect(goFormat(value)).toBe(text));
  }
  it('formats negative exponents and big numbers', () => {
    expect(goFloat(-2.5e-7)).toBe('-2.5e-07');
    expect(goFloat(1.2345678e21)).toBe('1.2345678e+21');
  });
});
