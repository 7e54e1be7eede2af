import { describe, expect, it } from 'vitest';
import { buildCache, info, makeNode, makePod, nodeOf, state } from '../testing';
import { ErrReasonNodeName, nodeName } from './node-name';

describe('NodeName', () => {
  const cases = [
    { name: 'no host specified', nodeName: undefined, want: undefined },
    { name: 'host matches', nodeName: 'foo', want: undefined },
    { name: 'host does not match', nodeName: 'bar', want: ErrReasonNodeName },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = buildCache([makeNode('foo')]);
      const pod = info(makePod('p', { spec: { nodeName: c.nodeName } }));
      const s = nodeName.filter?.(state(), pod, nodeOf(cache, 'foo'), cache);
      expect(s?.reasons?.[0]).toBe(c.want);
      if (c.want) expect(s?.code).toBe('UnschedulableAndUnresolvable');
    });
  }
});
