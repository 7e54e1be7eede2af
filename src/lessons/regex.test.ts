import { describe, expect, it } from 'vitest';
import { nestedQuantifier } from './regex';

describe('nestedQuantifier', () => {
  it('refuses quantified groups that contain a quantifier', () => {
    for (const bad of ['(a+)+', '^(a+)+$', '(\\w*x?)*', '((ab)*c)+', '(a|b+){2,}', '(?:x+y?)*z', '(a+){20}', '^(.+\\n){2,}.+$']) expect(nestedQuantifier(bad), bad).toBe(true);
  });

  it('accepts the patterns lessons use', () => {
    for (const ok of ['^(pod/\\S+\\n){2}pod/\\S+$', '^(10\\.244\\.\\d+\\.\\d+ ){2}10\\.244\\.\\d+\\.\\d+$', '^.+\\n.+\\n.+', 'ErrImagePull|ImagePullBackOff', '^[1-9][0-9]*$', '(web-a web-b|web-b web-a)', '[(+)]+']) {
      expect(nestedQuantifier(ok), ok).toBe(false);
    }
  });
});
