import { describe, expect, it } from 'vitest';
import { realEngine } from '../../../worker/real-engine';
import { shellWords } from '../../../scenario/shellwords';
import { appendDocument, TEMPLATES } from './templates';

describe('templates', () => {
  it('are dry-run commands, and the sandbox’s kubectl prints each kind', async () => {
    const engine = realEngine.create({ seed: 1, sleep: async () => undefined });
    for (const t of TEMPLATES) {
      expect(t.command).toMatch(/^kubectl (create|run) .* --dry-run=client -o yaml/);
      const out = await engine.kubectl(shellWords(t.command).slice(1));
      expect(out.stderr).toBe('');
      expect(out.stdout).toContain(`kind: ${t.kind.split(' ')[0]}\n`);
    }
    // A dry run creates nothing.
    expect(engine.list('apps/deployments').filter((d) => d.metadata?.name === 'web')).toEqual([]);
  });
  it('appends documents with a separator', () => {
    expect(appendDocument('', 'a: 1\n')).toBe('a: 1\n');
    expect(appendDocument('  \n', 'a: 1')).toBe('a: 1\n');
    expect(appendDocument('a: 1', 'b: 2\n')).toBe('a: 1\n---\nb: 2\n');
  });
});
