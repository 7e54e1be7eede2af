import { describe, expect, it } from 'vitest';
import { type Block, inlineText, parseMarkdown, safeHref } from './markdown';

describe('parseMarkdown', () => {
  it('parses the block kinds lessons use', () => {
    const { blocks, problems } = parseMarkdown('# Title\n\nSome *soft* and **strong** text\nover two lines.\n\n- one\n- two `x`\n\n1. first\n2. second\n\n> a note\n\n```yaml\nkind: Pod\n```');
    expect(problems).toEqual([]);
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'code']);
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, children: [{ type: 'text', text: 'Title' }] });
    expect(blocks[1]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Some ' },
        { type: 'em', children: [{ type: 'text', text: 'soft' }] },
        { type: 'text', text: ' and ' },
        { type: 'strong', children: [{ type: 'text', text: 'strong' }] },
        { type: 'text', text: ' text\nover two lines.' },
      ],
    });
    expect(blocks[2]).toEqual({ type: 'list', ordered: false, items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two ' }, { type: 'code', text: 'x' }]] });
    expect(blocks[3]).toMatchObject({ type: 'list', ordered: true });
    expect(blocks[4]).toEqual({ type: 'quote', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'a note' }] }] });
    expect(blocks[5]).toEqual({ type: 'code', lang: 'yaml', text: 'kind: Pod' });
  });

  it('keeps markup characters inside code literally', () => {
    const { blocks, problems } = parseMarkdown('Run `kubectl get pods <name> -o jsonpath={.items[*]}` now');
    expect(problems).toEqual([]);
    expect(blocks[0]).toMatchObject({ children: [{ type: 'text' }, { type: 'code', text: 'kubectl get pods <name> -o jsonpath={.items[*]}' }, { type: 'text' }] });
  });

  it('never passes raw HTML through: it stays text and is reported', () => {
    const { blocks, problems } = parseMarkdown('Hello <script>alert(1)</script> and <img src=x onerror=alert(1)>');
    expect(inlineText((blocks[0] as Extract<Block, { type: 'paragraph' }>).children)).toBe('Hello <script>alert(1)</script> and <img src=x onerror=alert(1)>');
    expect(problems[0]).toMatch(/^raw HTML is not allowed/);
    expect(parseMarkdown('<!-- hidden -->').problems).toHaveLength(1);
  });

  it('keeps a link only when its target is http(s), mailto or an anchor', () => {
    const ok = parseMarkdown('[docs](https://kubernetes.io/docs/)');
    expect(ok.blocks[0]).toEqual({ type: 'paragraph', children: [{ type: 'link', href: 'https://kubernetes.io/docs/', children: [{ type: 'text', text: 'docs' }] }] });
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>', 'vbscript:x', '//evil.example/']) {
      const r = parseMarkdown(`[click](${bad})`);
      expect(r.blocks[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: 'click' }] });
      expect(r.problems[0]).toMatch(/^link target not allowed/);
    }
  });

  it('safeHref strips control characters before judging the scheme', () => {
    expect(safeHref('\u0001javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' https://example.com')).toBe('https://example.com');
    expect(safeHref('#tasks')).toBe('#tasks');
  });

  it('treats a backslash-escaped marker as text', () => {
    expect(parseMarkdown('2 \\* 3 \\* 4').blocks[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: '2 * 3 * 4' }] });
  });

  it('does not read snake_case words as emphasis', () => {
    expect(parseMarkdown('min_available and max_unavailable').blocks[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: 'min_available and max_unavailable' }] });
  });
});
