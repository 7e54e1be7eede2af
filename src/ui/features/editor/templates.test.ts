import { describe, expect, it } from 'vitest';
import { appendDocument, TEMPLATES } from './templates';

describe('templates', () => {
  it('are dry-run commands for the common kinds', () => {
    expect(TEMPLATES.map((t) => t.kind)).toEqual(['Deployment', 'Service', 'Pod', 'ConfigMap', 'Job']);
    for (const t of TEMPLATES) expect(t.command).toMatch(/^kubectl (create|run) .* --dry-run=client -o yaml/);
  });
  it('appends documents with a separator', () => {
    expect(appendDocument('', 'a: 1\n')).toBe('a: 1\n');
    expect(appendDocument('  \n', 'a: 1')).toBe('a: 1\n');
    expect(appendDocument('a: 1', 'b: 2\n')).toBe('a: 1\n---\nb: 2\n');
  });
});
