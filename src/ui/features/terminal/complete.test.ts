import { describe, expect, it } from 'vitest';
import { applyCompletion, columns } from './complete';
import { emptyLine, type LineState } from './lineeditor';

const at = (buffer: string, cursor = buffer.length): LineState => ({ ...emptyLine(), buffer, cursor });

describe('applyCompletion', () => {
  it('completes the only candidate and adds a space', () => {
    expect(applyCompletion(at('k desc'), ['describe']).state).toMatchObject({ buffer: 'k describe ', cursor: 11 });
    expect(applyCompletion(at('k get po'), ['pods', 'poddisruptionbudgets', 'podtemplates', 'nodes']).state.buffer).toBe('k get pod');
  });
  it('lists when nothing more can be inserted', () => {
    const r = applyCompletion(at('k get pod'), ['pods', 'poddisruptionbudgets', 'podtemplates']);
    expect(r.state.buffer).toBe('k get pod');
    expect(r.list).toEqual(['pods', 'poddisruptionbudgets', 'podtemplates']);
  });
  it('completes in the middle of a line and leaves open values open', () => {
    expect(applyCompletion(at('k get nodes -o', 14), ['-o']).state.buffer).toBe('k get nodes -o ');
    expect(applyCompletion(at('k get po -o json x', 16), ['jsonpath=', 'json']).list).toEqual(['jsonpath=', 'json']);
    expect(applyCompletion(at('k get po -o jsonp'), ['jsonpath=']).state.buffer).toBe('k get po -o jsonpath=');
    expect(applyCompletion(at('k g pods', 3), ['get']).state).toMatchObject({ buffer: 'k get pods', cursor: 5 });
  });
  it('nothing to do without candidates', () => {
    const s = at('k get xyz');
    expect(applyCompletion(s, []).state).toBe(s);
  });
});

describe('columns', () => {
  it('lays candidates out down the columns', () => {
    expect(columns(['a', 'bb', 'ccc', 'd', 'e'], 15)).toBe('a    ccc  e\nbb   d\n');
  });
});
