import { describe, expect, it } from 'vitest';
import { en, format, initialLang, ja } from './messages';

describe('message catalogue', () => {
  it('Japanese has every English key and the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ja[key], key).toBeTruthy();
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(ja[key]), key).toEqual(names(en[key]));
    }
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });
  it('fills placeholders', () => {
    expect(format('en', 'topology.pods', { n: 3 })).toBe('3 pods');
    expect(format('ja', 'clock.forwardBy', { d: '5m' })).toBe('5m 早送り');
  });
  it('starts in the remembered language, else the browser one', () => {
    expect(initialLang('ja', ['en-US'])).toBe('ja');
    expect(initialLang(null, ['ja-JP', 'en'])).toBe('ja');
    expect(initialLang('fr', ['de'])).toBe('en');
  });
});
