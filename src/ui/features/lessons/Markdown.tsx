import { Fragment, type ReactNode } from 'react';
import { type Block, type Inline, parseMarkdown } from '../../../lessons/markdown';

/**
 * Lesson Markdown as React elements, node by node: there is no HTML passthrough anywhere, so a
 * hostile text can at worst show odd characters. Links open in a new tab without an opener.
 */
export function Markdown({ text }: { text: string }) {
  return <div className="md">{each(parseMarkdown(text).blocks, block)}</div>;
}

/** Render a list of tree nodes. A Markdown tree is rendered whole and never reordered, so position is its identity. */
function each<T>(items: T[], render: (item: T) => ReactNode): ReactNode {
  // biome-ignore lint/suspicious/noArrayIndexKey: see above; the nodes have no other identity.
  return items.map((item, i) => <Fragment key={i}>{render(item)}</Fragment>);
}

function block(b: Block): ReactNode {
  switch (b.type) {
    case 'heading': {
      // Lesson headings sit under the panel's own h2/h3, so they start at h4.
      const Tag = (['h4', 'h5', 'h6'] as const)[Math.min(b.level, 3) - 1];
      return <Tag>{inlines(b.children)}</Tag>;
    }
    case 'paragraph':
      return <p>{inlines(b.children)}</p>;
    case 'list': {
      const items = each(b.items, (item) => <li>{inlines(item)}</li>);
      return b.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'quote':
      return <blockquote>{each(b.children, block)}</blockquote>;
    case 'code':
      return (
        <pre className="md-code">
          <code>{b.text}</code>
        </pre>
      );
  }
}

function inline(n: Inline): ReactNode {
  switch (n.type) {
    case 'text':
      return n.text;
    case 'code':
      return <code>{n.text}</code>;
    case 'strong':
      return <strong>{inlines(n.children)}</strong>;
    case 'em':
      return <em>{inlines(n.children)}</em>;
    case 'link':
      return (
        <a href={n.href} target="_blank" rel="noopener noreferrer">
          {inlines(n.children)}
        </a>
      );
  }
}

function inlines(nodes: Inline[]): ReactNode {
  return each(nodes, inline);
}
