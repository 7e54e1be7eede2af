import { describe, expect, it } from 'vitest';
import { wordWrap } from '../commands/explain';
import { Sandbox } from '../testing/harness';

/**
 * explain's enum lists and wrapping, as kubectl 1.32's plaintext template prints them
 * (extractEnum: `ENUM:` and one value a line under FIELD, `enum: a, b, c, d, ....` in field
 * lists; sprig's wrap, i.e. goutils.WrapCustom, for descriptions).
 */
describe('explain: enums', () => {
  it('lists the values of the field explained under ENUM:', async () => {
    const out = (await new Sandbox().run('explain pod.spec.restartPolicy')).stdout;
    expect(
      out.startsWith('KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\nDESCRIPTION:\n'),
    ).toBe(true);
    // The OpenAPI description ends with the values and what each means.
    expect(out).toContain('\n     - `"Never"`\n');
  });

  it('a field without enum keeps the blank lines', async () => {
    const out = (await new Sandbox().run('explain deployment.spec.replicas')).stdout;
    expect(out).toContain('FIELD: replicas <integer>\n\n\nDESCRIPTION:\n');
  });

  it('field lists show at most four values on a line under the field', async () => {
    const s = new Sandbox();
    const spec = (await s.run('explain pod.spec')).stdout;
    expect(spec).toContain('\n  dnsPolicy\t<string>\n  enum: ClusterFirst, ClusterFirstWithHostNet, Default, None\n    Set DNS policy');
    expect(spec).toContain('\n  restartPolicy\t<string>\n  enum: Always, Never, OnFailure\n');
    const recursive = (await s.run('explain pod.spec.containers --recursive')).stdout;
    expect(recursive).toContain('\n  imagePullPolicy\t<string>\n  enum: Always, IfNotPresent, Never\n');
    expect(recursive).toContain('\n      type\t<string> -required-\n      enum: Localhost, RuntimeDefault, Unconfined\n');
  });

  it('more than four values end in ", ...."', async () => {
    const out = (await new Sandbox().run('explain pod.status')).stdout;
    expect(out).toContain('\n  phase\t<string>\n  enum: Failed, Pending, Running, Succeeded, ....\n');
  });
});

describe('explain: wrapping (goutils.WrapCustom)', () => {
  it.each([
    ['aaa bbb ccc', 7, 'aaa bbb\nccc'],
    // Newlines already in the text do not restart the count.
    ['ab\ncd ef gh', 6, 'ab\ncd\nef gh'],
    // A word longer than the width stays whole up to the next space; the space after a break is dropped.
    ['https://example.com/a/very/long/path next word', 10, 'https://example.com/a/very/long/path\nnext word'],
    ['a  b', 1, 'a\nb'],
    ['short', 76, 'short'],
  ])('%j at %i', (text, width, want) => {
    expect(wordWrap(text, width)).toBe(want);
  });
});
