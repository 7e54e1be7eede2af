import type { Expectation, TextMatcher } from './types';

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Why `actual` fails `m`, or undefined when it passes. Both sides are trimmed first. */
function failMatcher(m: TextMatcher, raw: string, stream: string): string | undefined {
  const actual = raw.trim();
  if (m.equals !== undefined && actual !== m.equals.trim()) {
    return `${stream}: expected\n${indent(m.equals.trim())}\nbut got\n${indent(actual)}`;
  }
  if (m.contains !== undefined && !actual.includes(m.contains)) {
    return `${stream}: expected it to contain ${JSON.stringify(m.contains)} but got\n${indent(actual)}`;
  }
  if (m.notContains !== undefined && actual.includes(m.notContains)) {
    return `${stream}: expected it not to contain ${JSON.stringify(m.notContains)} but got\n${indent(actual)}`;
  }
  if (m.matches !== undefined && !new RegExp(m.matches).test(actual)) {
    return `${stream}: expected it to match /${m.matches}/ but got\n${indent(actual)}`;
  }
  return undefined;
}

function indent(s: string): string {
  return s === '' ? '    (empty)' : s.split('\n').map((l) => `    ${l}`).join('\n');
}

/** The first way `outcome` misses `expect`, or undefined when it meets it. */
export function check(expect: Expectation, outcome: Outcome): string | undefined {
  if (outcome.exitCode !== expect.exitCode) {
    const detail = outcome.stderr.trim() || outcome.stdout.trim();
    return `exit code: expected ${expect.exitCode} but got ${outcome.exitCode}${detail ? `\n${indent(detail)}` : ''}`;
  }
  if (expect.stdout) {
    const f = failMatcher(expect.stdout, outcome.stdout, 'stdout');
    if (f) return f;
  }
  if (expect.stderr) {
    const f = failMatcher(expect.stderr, outcome.stderr, 'stderr');
    if (f) return f;
  }
  return undefined;
}
