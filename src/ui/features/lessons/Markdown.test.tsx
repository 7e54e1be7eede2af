import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

const html = (text: string) => renderToStaticMarkup(<Markdown text={text} />);

describe('<Markdown>', () => {
  it('renders the supported Markdown as elements', () => {
    expect(html('Run `kubectl get pods` **now**\n\n- a\n- b')).toBe('<div class="md"><p>Run <code>kubectl get pods</code> <strong>now</strong></p><ul><li>a</li><li>b</li></ul></div>');
  });

  it('shows raw HTML as text, never as markup', () => {
    expect(html('<script>alert(1)</script><img src=x onerror=alert(1)>')).toBe('<div class="md"><p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p></div>');
  });

  it('drops unsafe link targets and opens safe ones without an opener', () => {
    expect(html('[x](javascript:alert(1))')).toBe('<div class="md"><p>x</p></div>');
    expect(html('[docs](https://kubernetes.io/)')).toBe('<div class="md"><p><a href="https://kubernetes.io/" target="_blank" rel="noopener noreferrer">docs</a></p></div>');
  });
});
