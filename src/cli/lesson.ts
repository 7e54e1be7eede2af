import { readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { Cluster } from '../engine/sim/cluster';
import { formatDuration } from '../engine/sim/commands';
import type { CheckResult } from '../lessons/checks';
import { loadFromDisk } from '../lessons/disk';
import { gradeCluster } from '../lessons/grade';
import { type LoadResult, makePack } from '../lessons/loader';
import { type LessonSelfCheck, selfCheck } from '../lessons/selfcheck';
import { describeStep, type StepOutcome } from '../lessons/steps';
import type { TaskProgress } from '../lessons/run';
import { type Lesson, LessonFormatError } from '../lessons/types';
import { loadState } from './state';

export const LESSON_USAGE = `  sandbox lesson check DIR|PACK [...]                 run each lesson against its reference solution (exit 0 all passed, 1 one failed, 2 invalid)
  sandbox lesson grade LESSON SANDBOX.json [--progress FILE] [--json]
                                                      grade an exported sandbox (the app's export or a --state file) against a lesson's
                                                      checks (exit 0 all done, 1 some not, 2 invalid); --progress adds the hints the app recorded
  sandbox lesson list [DIR|PACK ...]                  list lessons (default: lessons/)
  sandbox lesson pack DIR... [-o FILE]                bundle lesson folders into one pack file (JSON) to load in the app`;

const out = (s: string) => process.stdout.write(`${s}\n`);

function indent(text: string, prefix = '    '): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

function load(paths: string[]): LoadResult {
  const all: LoadResult = { lessons: [], errors: [] };
  for (const p of paths) {
    try {
      const r = loadFromDisk(p);
      all.lessons.push(...r.lessons);
      all.errors.push(...r.errors);
    } catch (e) {
      if (e instanceof LessonFormatError) all.errors.push(e);
      else all.errors.push(new LessonFormatError(p, [`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]));
    }
  }
  return all;
}

function printOutcomes(outcomes: StepOutcome[], label: string): void {
  for (const [i, o] of outcomes.entries()) {
    out(`  ${o.passed ? 'ok  ' : 'FAIL'} ${label} [${i + 1}] ${describeStep(o.step)}`);
    if (o.stdout.trim()) out(indent(o.stdout, '      '));
    if (o.stderr.trim()) out(indent(o.stderr, '    ! '));
    if (!o.passed && o.message) out(indent(o.message, '    > '));
  }
}

function printCheck(result: CheckResult, label: string, wantPass: boolean): void {
  const mark = result.passed === wantPass ? 'ok  ' : 'FAIL';
  out(`  ${mark} ${label}: check ${result.passed ? 'passes' : 'fails'}`);
  const last = result.steps[result.steps.length - 1];
  if (last && !last.passed) out(indent(`kubectl ${last.command}\n${last.why ?? ''}`, '      '));
}

function printSelfCheck(r: LessonSelfCheck): void {
  out(`=== lesson ${r.lesson} (${r.source})`);
  if (r.setup.length) printOutcomes(r.setup, 'setup');
  for (const t of r.tasks) {
    out(`  -- task ${t.id}`);
    printCheck(t.before, 'before the solution', false);
    if (t.solution.length) printOutcomes(t.solution, 'solution');
    if (t.after) printCheck(t.after, 'after the solution', true);
    for (const e of t.events) printOutcomes(e.outcomes, `event ${e.index + 1} (t+${formatDuration(e.atSim)})`);
  }
  for (const f of r.final) if (!f.result.passed) printCheck(f.result, `final cluster, task ${f.id}`, true);
  out(r.passed ? `PASS ${r.lesson} (${r.tasks.length} task${r.tasks.length === 1 ? '' : 's'}, ${formatDuration(r.simMs)} simulated)` : `FAIL ${r.lesson}: ${r.problem}`);
}

async function check(paths: string[]): Promise<number> {
  if (!paths.length) {
    process.stderr.write(`error: no lessons given\n${LESSON_USAGE}\n`);
    return 2;
  }
  const { lessons, errors } = load(paths);
  for (const e of errors) out(`invalid lesson: ${e.message}`);
  if (!lessons.length && !errors.length) {
    out(`no lessons found in ${paths.join(', ')} (a lesson is a folder holding lesson.yaml)`);
    return 2;
  }
  let failed = false;
  for (const lesson of lessons) {
    const r = await selfCheck(lesson);
    printSelfCheck(r);
    out('');
    if (!r.passed) failed = true;
  }
  out(errors.length ? 'Some lessons are not valid.' : failed ? 'Some lessons failed.' : `All ${lessons.length} lesson(s) passed.`);
  return errors.length ? 2 : failed ? 1 : 0;
}

function pick(path: string): Lesson | LessonFormatError {
  const { lessons, errors } = load([path]);
  if (errors.length) return errors[0];
  if (lessons.length !== 1) return new LessonFormatError(path, [`expected one lesson, found ${lessons.length}`]);
  return lessons[0];
}

/** What the learner's progress export says about a task (reported by the app; never part of the grade). */
function reportedProgress(file: string | undefined, lessonId: string): Map<string, TaskProgress> | string {
  if (!file) return new Map();
  try {
    const p = JSON.parse(readFileSync(file, 'utf8'));
    const tasks: unknown = p?.lessons?.[lessonId]?.tasks;
    if (!Array.isArray(tasks)) return new Map();
    return new Map(tasks.filter((t) => typeof t?.id === 'string').map((t) => [t.id as string, t as TaskProgress]));
  } catch (e) {
    return `${file}: not a progress export (${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]})`;
  }
}

async function grade(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const p = args.indexOf('--progress');
  const progressFile = p >= 0 ? args[p + 1] : undefined;
  const rest = args.filter((a, i) => a !== '--json' && i !== p && (p < 0 || i !== p + 1));
  const [lessonPath, statePath] = rest;
  if (!lessonPath || !statePath || rest.length > 2 || (p >= 0 && !progressFile)) {
    process.stderr.write(`error: lesson grade needs a lesson and an exported sandbox\n${LESSON_USAGE}\n`);
    return 2;
  }
  const lesson = pick(lessonPath);
  if (lesson instanceof LessonFormatError) {
    out(`invalid lesson: ${lesson.message}`);
    return 2;
  }
  let cluster: Cluster;
  try {
    const saved = JSON.parse(readFileSync(statePath, 'utf8'));
    // The app's export ({engine: {cluster}}) or a CLI --state file: both hold a cluster snapshot.
    cluster = saved?.engine?.cluster ? Cluster.fromSnapshot(saved.engine.cluster) : loadState(statePath).cluster;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    out(`error: ${statePath}: not a sandbox export (${err.code ?? err.message.split('\n')[0]})`);
    return 2;
  }
  const reported = reportedProgress(progressFile, lesson.id);
  if (typeof reported === 'string') {
    out(`error: ${reported}`);
    return 2;
  }
  const grades = await gradeCluster(lesson, cluster);
  const done = grades.filter((g) => g.passed).length;
  if (json) {
    const tasks = grades.map((g, i) => {
      const last = g.result.steps.at(-1);
      const r = reported.get(g.id);
      return {
        id: g.id,
        title: lesson.tasks[i].title.en,
        passed: g.passed,
        ...(g.passed || !last ? {} : { command: `kubectl ${last.command}`, saw: last.why }),
        ...(r ? { hintsUsed: r.hintsUsed, solutionShown: r.solutionShown } : {}),
      };
    });
    out(JSON.stringify({ lesson: lesson.id, done, total: grades.length, tasks }));
    return done === grades.length ? 0 : 1;
  }
  out(`${lesson.title.en} (${lesson.id})`);
  for (const [i, g] of grades.entries()) {
    const r = reported.get(g.id);
    const note = r ? `  (hints used: ${r.hintsUsed}${r.solutionShown ? ', solution shown' : ''})` : '';
    out(`${g.passed ? '✓' : '✗'} ${i + 1}. ${lesson.tasks[i].title.en}${note}`);
    if (!g.passed) {
      const last = g.result.steps[g.result.steps.length - 1];
      if (last) out(indent(`kubectl ${last.command}\n${last.why ?? ''}`, '    '));
    }
  }
  out(`${done}/${grades.length} tasks done`);
  return done === grades.length ? 0 : 1;
}

function list(paths: string[]): number {
  const { lessons, errors } = load(paths.length ? paths : ['lessons']);
  for (const l of lessons) out(`${l.id.padEnd(28)} ${l.level.padEnd(13)} ${String(l.minutes).padStart(3)} min  ${l.tasks.length} tasks  ${l.title.en}`);
  for (const e of errors) out(`invalid lesson: ${e.message}`);
  return errors.length ? 2 : 0;
}

/** Every lesson folder under the arguments, validated, bundled as one pack (the lessons' own documents). */
function pack(args: string[]): number {
  const o = args.indexOf('-o');
  const outFile = o >= 0 ? args[o + 1] : undefined;
  const paths = o >= 0 ? [...args.slice(0, o), ...args.slice(o + 2)] : args;
  if (!paths.length || (o >= 0 && !outFile)) {
    process.stderr.write(`error: lesson pack needs lesson folders\n${LESSON_USAGE}\n`);
    return 2;
  }
  const { lessons, errors } = load(paths);
  for (const e of errors) process.stderr.write(`invalid lesson: ${e.message}\n`);
  if (errors.length) return 2;
  const docs = lessons.map((l) => parseYaml(readFileSync(l.source, 'utf8')));
  const text = `${JSON.stringify(makePack(docs), null, 2)}\n`;
  if (outFile) {
    writeFileSync(outFile, text);
    process.stderr.write(`${lessons.length} lesson(s) written to ${outFile}\n`);
  } else process.stdout.write(text);
  return 0;
}

/** `sandbox lesson …` */
export async function lessonCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'check':
      return check(rest);
    case 'grade':
      return grade(rest);
    case 'list':
      return list(rest);
    case 'pack':
      return pack(rest);
    default:
      process.stderr.write(`${sub ? `error: unknown lesson command "${sub}"\n` : ''}Usage:\n${LESSON_USAGE}\n`);
      return 2;
  }
}
