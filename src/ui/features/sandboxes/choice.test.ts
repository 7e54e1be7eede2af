import { describe, expect, it } from 'vitest';
import { chosenSandbox, sandboxUrl } from './choice';

describe('which sandbox a tab opens', () => {
  it('takes ?sandbox= from the address', () => {
    expect(chosenSandbox('?sandbox=sb-1')).toBe('sb-1');
  });

  it('builds the address for a sandbox under any base path, dropping ?fresh', () => {
    expect(sandboxUrl('sb-2', 'https://example.org/sub/?fresh#x')).toBe('https://example.org/sub/?sandbox=sb-2');
    expect(sandboxUrl('a b', 'http://127.0.0.1:4317/')).toBe('http://127.0.0.1:4317/?sandbox=a%20b');
  });
});
