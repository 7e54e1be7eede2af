import { parse as parseYaml } from 'yaml';
import { parseDuration } from '../engine/sim/clock';
import type { Expectation, Scenario, Step, TextMatcher } from './types';

/** A file that is not a valid scenario: the message names the file, the step and the problem. */
export class ScenarioFormatError extends Error {}

const MATCHER_KEYS = ['equals', 'contains', 'notContains', 'matches'] as const;

type Fail = (where: string, problem: string) => never;

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function parseMatcher(raw: unknown, where: string, fail: Fail): TextMatcher {
  const s = text(raw);
  if (s !== undefined) return { equals: s };
  if (!isMap(raw)) return fail(where, 'expected a string or a mapping of equals/contains/notContains/matches');
  const m: TextMatcher = {};
  for (const [k, val] of Object.entries(rejoinFlowCommas(raw))) {
    if (!(MATCHER_KEYS as readonly string[]).includes(k)) fail(where, `unknown matcher "${k}" (use equals, contains, notContains or matches)`);
    const t = text(val);
    if (t === undefined) fail(where, `"${k}" must be a string`);
    if (k === 'matches') {
      try {
        new RegExp(t as string);
      } catch (e) {
        fail(where, `"matches" is not a valid regular expression: ${(e as Error).message}`);
      }
    }
    m[k as keyof TextMatcher] = t;
  }
  return m;
}

/**
 * In a YAML flow mapping an unquoted comma ends the value: `{contains: app=web,tier=front}` reads
 * as `contains: app=web` plus a key `tier=front` with no value. Scenario authors mean the comma as
 * text, so such a valueless key is joined back onto the matcher before it.
 */
function rejoinFlowCommas(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let last: string | undefined;
  for (const [k, val] of Object.entries(v)) {
    const known = ['exitCode', 'stderr', ...MATCHER_KEYS].includes(k);
    if (!known && val === null && last !== undefined && typeof out[last] === 'string') {
      out[last] = `${out[last]},${k}`;
      continue;
    }
    out[k] = val;
    last = k;
  }
  return out;
}

function parseExpect(raw: unknown, where: string, fail: Fail): Expectation {
  if (raw === undefined || raw === null) return { exitCode: 0 };
  const s = text(raw);
  if (s !== undefined) return { stdout: { equals: s }, exitCode: 0 };
  if (!isMap(raw)) return fail(where, 'expect must be a string or a mapping');
  const v = rejoinFlowCommas(raw);
  const out: Expectation = { exitCode: 0 };
  const stdout: TextMatcher = {};
  for (const [k, val] of Object.entries(v)) {
    if ((MATCHER_KEYS as readonly string[]).includes(k)) {
      Object.assign(stdout, parseMatcher({ [k]: val }, where, fail));
    } else if (k === 'stderr') {
      out.stderr = parseMatcher(val, `${where} stderr`, fail);
    } else if (k === 'exitCode') {
      if (typeof val !== 'number' || !Number.isInteger(val)) fail(where, 'exitCode must be an integer');
      out.exitCode = val as number;
    } else {
      fail(where, `unknown expect key "${k}" (use equals, contains, notContains, matches, stderr, exitCode)`);
    }
  }
  if (Object.keys(stdout).length) out.stdout = stdout;
  return out;
}

function duration(v: unknown, where: string, fail: Fail): [number, string] {
  const s = text(v);
  if (s === undefined) return fail(where, 'expected a duration such as 30s, 5m or 1m30s');
  try {
    const ms = parseDuration(s);
    if (ms < 0) fail(where, `duration "${s}" is negative`);
    return [ms, s];
  } catch {
    return fail(where, `"${s}" is not a duration (use 500ms, 30s, 5m, 1h, 1m30s)`);
  }
}

function only(step: Record<string, unknown>, allowed: string[], where: string, fail: Fail): void {
  for (const k of Object.keys(step)) if (!allowed.includes(k)) fail(where, `unexpected key "${k}"`);
}

function parseStep(raw: unknown, n: number, fail: Fail): Step {
  const where = `step ${n}`;
  if (!isMap(raw)) return fail(where, 'a step must be a mapping with one of kubectl, sim, advance, waitFor');
  const kinds = ['kubectl', 'sim', 'advance', 'waitFor'].filter((k) => k in raw);
  if (kinds.length !== 1) {
    return fail(where, kinds.length ? `a step has exactly one of kubectl, sim, advance, waitFor (found ${kinds.join(', ')})` : 'a step needs one of kubectl, sim, advance, waitFor');
  }
  const kind = kinds[0];
  if (kind === 'advance') {
    only(raw, ['advance'], where, fail);
    const [ms, t] = duration(raw.advance, where, fail);
    return { kind: 'advance', ms, text: t };
  }
  if (kind === 'kubectl' || kind === 'sim') {
    only(raw, kind === 'kubectl' ? ['kubectl', 'stdin', 'expect'] : ['sim', 'expect'], where, fail);
    const args = text(raw[kind]);
    if (args === undefined) fail(where, `${kind} must be a string of arguments`);
    if (raw.stdin !== undefined && typeof raw.stdin !== 'string') fail(where, 'stdin must be a string');
    const expect = parseExpect(raw.expect, where, fail);
    return kind === 'kubectl'
      ? { kind, args: args as string, stdin: raw.stdin as string | undefined, expect }
      : { kind, args: args as string, expect };
  }
  only(raw, ['waitFor'], where, fail);
  const w = raw.waitFor;
  if (!isMap(w)) return fail(where, 'waitFor must be a mapping with kubectl, expect and within');
  only(w, ['kubectl', 'stdin', 'expect', 'within'], `${where} waitFor`, fail);
  const args = text(w.kubectl);
  if (args === undefined) fail(where, 'waitFor needs kubectl: ARGS');
  if (w.within === undefined) fail(where, 'waitFor needs within: DURATION');
  const [withinMs, within] = duration(w.within, where, fail);
  return {
    kind: 'waitFor',
    args: args as string,
    stdin: typeof w.stdin === 'string' ? w.stdin : undefined,
    expect: parseExpect(w.expect, where, fail),
    withinMs,
    within,
  };
}

/** Parse and check one scenario file's text; throws ScenarioFormatError naming file, step and problem. */
export function parseScenario(source: string, file: string): Scenario {
  const fail: Fail = (where, problem) => {
    throw new ScenarioFormatError(`${file}: ${where}: ${problem}`);
  };
  let doc: unknown;
  try {
    doc = parseYaml(source);
  } catch (e) {
    return fail('YAML', (e as Error).message.split('\n')[0]);
  }
  if (!isMap(doc)) return fail('file', 'a scenario is a mapping with name and steps');
  only(doc, ['name', 'cluster', 'steps', 'description'], 'file', fail);
  const name = text(doc.name);
  if (!name) fail('file', 'name is required');
  let seed = 1;
  let preset = 'default';
  if (doc.cluster !== undefined) {
    if (!isMap(doc.cluster)) fail('cluster', 'cluster must be a mapping with seed and preset');
    const c = doc.cluster as Record<string, unknown>;
    only(c, ['seed', 'preset'], 'cluster', fail);
    if (c.seed !== undefined) {
      if (typeof c.seed !== 'number' || !Number.isInteger(c.seed) || c.seed < 0) fail('cluster', 'seed must be a non-negative integer');
      seed = c.seed as number;
    }
    if (c.preset !== undefined) {
      if (typeof c.preset !== 'string') fail('cluster', 'preset must be a string');
      preset = c.preset as string;
    }
  }
  if (!Array.isArray(doc.steps) || doc.steps.length === 0) fail('file', 'steps must be a non-empty list');
  const steps = (doc.steps as unknown[]).map((s, i) => parseStep(s, i + 1, fail));
  return { file, name: name as string, seed, preset, steps };
}
