import { formatDuration } from '../engine/sim/commands';
import type { Scenario, ScenarioResult } from './types';

function describeStep(s: Scenario['steps'][number]): string {
  switch (s.kind) {
    case 'advance':
      return `advance ${s.text}`;
    case 'kubectl':
      return `kubectl ${s.args}`;
    case 'sim':
      return `sim ${s.args}`;
    case 'waitFor':
      return `waitFor (within ${s.within}): kubectl ${s.args}`;
  }
}

function indent(text: string, prefix = '    '): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

/** The readable transcript: each step, its output, and for a failed check the expected and actual text. */
export function transcript(scenario: Scenario, result: ScenarioResult): string {
  const lines = [`=== ${result.name} (${result.file})`];
  for (const r of result.steps) {
    const step = scenario.steps[r.index - 1];
    const mark = r.passed ? 'ok  ' : 'FAIL';
    lines.push(`${mark} [${r.index}] t+${formatDuration(r.simTime)}  ${step ? describeStep(step) : r.message}`);
    if (r.stdout.trim()) lines.push(indent(r.stdout));
    if (r.stderr.trim()) lines.push(indent(r.stderr, '  ! '));
    if (step?.kind === 'waitFor' && r.passed) lines.push(`    (${r.message})`);
    if (!r.passed && r.message) lines.push(indent(r.message, '  > '));
  }
  const skipped = scenario.steps.length - result.steps.length;
  lines.push(result.passed ? `PASS ${result.name}` : `FAIL ${result.name}${skipped > 0 ? ` (${skipped} step(s) not run)` : ''}`);
  return lines.join('\n');
}
