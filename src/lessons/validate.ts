import Ajv, { type ErrorObject } from 'ajv';
import { parseDuration } from '../engine/sim/clock';
import { presets } from '../engine/sim/presets';
import { parseScenario, ScenarioFormatError } from '../scenario/parse';
import type { Step } from '../scenario/types';
import schema from './lesson.schema.json';
import { parseMarkdown } from './markdown';
import { notReadOnly } from './readonly';
import { nestedQuantifier } from './regex';
import { LANGS, type Lesson, type LessonEvent, LessonFormatError, type Localized, type Task } from './types';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateSchema = ajv.compile(schema);

/** The JSON Schema every lesson file is checked against (the one source of truth for the format). */
export const lessonSchema = schema;

function describeError(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'lesson';
  if (e.keyword === 'additionalProperties') return `${where}: unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum') return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return `${where}: ${e.message}`;
}

/**
 * Schema errors for a `oneOf` over step kinds repeat once per alternative; keep the ones that
 * say what is wrong most directly, and say once that a step has an unknown shape.
 */
function schemaProblems(errors: ErrorObject[]): string[] {
  const out = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'oneOf' && /\/(setup|solution|check|steps)\/\d+$/.test(e.instancePath)) {
      out.add(`${e.instancePath.slice(1).replace(/\//g, '.')}: not a step this list accepts (kubectl, sim, advance or waitFor; checks only kubectl and waitFor)`);
    }
  }
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'required' || e.keyword === 'additionalProperties' || e.keyword === 'type') {
      if ([...out].some((o) => o.startsWith(e.instancePath.slice(1).replace(/\//g, '.')) && e.instancePath)) continue;
    }
    out.add(describeError(e));
  }
  return [...out].slice(0, 30);
}

/** Steps in the scenario language, checked by the scenario parser itself (JSON is YAML). */
function steps(raw: unknown, where: string, problems: string[]): Step[] {
  if (!Array.isArray(raw) || raw.length === 0) return [];
  try {
    const parsed = parseScenario(JSON.stringify({ name: where, steps: raw }), where).steps;
    for (const [i, step] of parsed.entries()) {
      if (step.kind === 'advance') continue;
      for (const m of [step.expect.stdout?.matches, step.expect.stderr?.matches]) {
        if (m !== undefined && nestedQuantifier(m)) {
          problems.push(`${where}.${i}: "matches: ${m}" repeats a group that itself repeats, which can take exponential time; write it without nesting (for "two or more lines" use ^.+\\n.+ without an end anchor)`);
        }
      }
    }
    return parsed;
  } catch (e) {
    if (!(e instanceof ScenarioFormatError)) throw e;
    problems.push(e.message);
    return [];
  }
}

function markdown(text: Localized | undefined, where: string, problems: string[]): void {
  if (!text) return;
  for (const lang of LANGS) {
    for (const p of parseMarkdown(text[lang]).problems) problems.push(`${where}.${lang}: ${p}`);
  }
}

/** A lesson document once the schema has passed it: the shapes are known, the steps not yet parsed. */
interface RawTask {
  id: string;
  title: Localized;
  prose: Localized;
  check: unknown[];
  hints: Localized[];
  explanation: Localized;
  solution: unknown[];
}
interface RawEvent {
  at?: string;
  after?: string;
  note?: Localized;
  steps: unknown[];
}
interface RawLesson {
  id: string;
  title: Localized;
  level: Lesson['level'];
  minutes: number;
  concepts: string[];
  prerequisites?: string[];
  intro: Localized;
  outro?: Localized;
  cluster?: { seed?: number; preset?: string };
  setup?: unknown[];
  tasks: RawTask[];
  events?: RawEvent[];
}

/** Check one lesson document (already parsed from YAML or JSON); returns it typed or throws with every problem. */
export function validateLesson(doc: unknown, source: string, expectedId?: string): Lesson {
  if (!validateSchema(doc)) throw new LessonFormatError(source, schemaProblems(validateSchema.errors ?? []));
  const d = doc as unknown as RawLesson;
  const problems: string[] = [];
  if (expectedId !== undefined && d.id !== expectedId) problems.push(`id: "${d.id}" must match its folder name "${expectedId}"`);
  const preset = d.cluster?.preset ?? 'default';
  if (!Object.hasOwn(presets, preset)) problems.push(`cluster.preset: unknown preset "${preset}" (known: ${Object.keys(presets).join(', ')})`);
  markdown(d.intro, 'intro', problems);
  markdown(d.outro, 'outro', problems);
  const setup = steps(d.setup, `${source} setup`, problems);
  const seen = new Set<string>();
  const tasks: Task[] = d.tasks.map((t, i) => {
    const where = `tasks.${i}`;
    if (seen.has(t.id)) problems.push(`${where}.id: "${t.id}" is used by an earlier task`);
    seen.add(t.id);
    markdown(t.prose, `${where}.prose`, problems);
    for (const [j, h] of t.hints.entries()) markdown(h, `${where}.hints.${j}`, problems);
    markdown(t.explanation, `${where}.explanation`, problems);
    const check = steps(t.check, `${source} ${where}.check`, problems);
    for (const [j, s] of check.entries()) {
      if (s.kind !== 'kubectl' && s.kind !== 'waitFor') continue;
      const why = notReadOnly(s.args);
      if (why) problems.push(`${where}.check.${j}: ${why}`);
    }
    return {
      id: t.id,
      title: t.title,
      prose: t.prose,
      check,
      hints: t.hints,
      explanation: t.explanation,
      solution: steps(t.solution, `${source} ${where}.solution`, problems),
    };
  });
  const events: LessonEvent[] = (d.events ?? []).map((e, i) => {
    const where = `events.${i}`;
    if (e.after !== undefined && !seen.has(e.after)) problems.push(`${where}.after: no task has the id "${e.after}"`);
    markdown(e.note, `${where}.note`, problems);
    let atMs: number | undefined;
    if (e.at !== undefined) {
      try {
        atMs = parseDuration(e.at);
      } catch {
        problems.push(`${where}.at: "${e.at}" is not a duration`);
      }
    }
    return { at: e.at, atMs, after: e.after, note: e.note, steps: steps(e.steps, `${source} ${where}.steps`, problems) };
  });
  if (problems.length) throw new LessonFormatError(source, problems);
  return {
    id: d.id,
    title: d.title,
    level: d.level,
    minutes: d.minutes,
    concepts: d.concepts,
    prerequisites: d.prerequisites ?? [],
    intro: d.intro,
    outro: d.outro,
    seed: d.cluster?.seed ?? 1,
    preset,
    setup,
    tasks,
    events,
    source,
  };
}
