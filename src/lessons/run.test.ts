import { describe, expect, it } from 'vitest';
import type { Session } from '../scenario/session';
import { gradeCluster } from './grade';
import { LessonRun } from './run';
import { selfCheck } from './selfcheck';
import { minimalLesson } from './testing';
import { validateLesson } from './validate';

type Doc = ReturnType<typeof minimalLesson> & { tasks: Record<string, unknown>[] };

/** The cluster and session a headless run built for itself. */
function sess(run: LessonRun): Session {
  if (!run.session) throw new Error('not a headless run');
  return run.session;
}

function lesson(change: (d: Doc) => void = () => {}) {
  const d = minimalLesson() as Doc;
  change(d);
  return validateLesson(d, 'test');
}

function twoTasks(d: Doc): void {
  d.tasks.push({
    id: 'annotate',
    title: { en: 'Annotate it', ja: '注釈を付ける' },
    prose: { en: 'Annotate `web`.', ja: '`web` に注釈を付けます。' },
    check: [{ kubectl: 'get pod web -o jsonpath={.metadata.annotations.owner}', expect: 'team-a' }],
    hints: [
      { en: 'one', ja: 'いち' },
      { en: 'two', ja: 'に' },
    ],
    explanation: { en: 'Annotations hold data for tools.', ja: '注釈はツール向けのデータです。' },
    solution: [{ kubectl: 'annotate pod web owner=team-a' }],
  });
}

describe('LessonRun', () => {
  it('applies the setup, then marks tasks done in order as their checks start to pass', async () => {
    let wall = 1000;
    const run = await LessonRun.start(lesson(twoTasks), { wallClock: () => wall });
    expect((await sess(run).kubectl('get pod web -o name')).stdout.trim()).toBe('pod/web');
    const first = await run.evaluate();
    expect(first.map((t) => t.state)).toEqual(['current', 'locked']);
    expect(first[0].check?.steps[0].why).toMatch(/expected\n\s+front/);

    // The second task's state alone does not count while the first is not done.
    await sess(run).kubectl('annotate pod web owner=team-a');
    expect((await run.evaluate()).map((t) => t.state)).toEqual(['current', 'locked']);

    await run.advance(5000);
    wall = 2000;
    await sess(run).kubectl('label pod web tier=front');
    expect((await run.evaluate()).map((t) => t.state)).toEqual(['done', 'done']);
    expect(run.finished).toBe(true);
    expect(run.progress().tasks[0]).toMatchObject({ id: 'label', done: true, doneAtSim: 5000, doneAtWall: 2000 });
  });

  it('never changes the cluster while checking', async () => {
    const run = await LessonRun.start(lesson());
    const before = sess(run).cluster.store.resourceVersion();
    const now = sess(run).cluster.now();
    for (let i = 0; i < 3; i++) await run.evaluate();
    expect(sess(run).cluster.store.resourceVersion()).toBe(before);
    expect(sess(run).cluster.now()).toBe(now);
  });

  it('gives hints one at a time and counts them', async () => {
    const run = await LessonRun.start(lesson(twoTasks));
    await sess(run).kubectl('label pod web tier=front');
    await run.evaluate();
    expect(run.nextHint()?.en).toBe('one');
    expect(run.nextHint()?.en).toBe('two');
    expect(run.nextHint()).toBeUndefined();
    expect(run.progress().tasks[1].hintsUsed).toBe(2);
    expect(run.hintsShown('annotate').map((h) => h.ja)).toEqual(['いち', 'に']);
  });

  it('"show me" runs the solution and is recorded', async () => {
    const run = await LessonRun.start(lesson());
    const outcomes = await run.showMe();
    expect(outcomes.map((o) => [o.passed, o.stdout.trim()])).toEqual([[true, 'pod/web labeled']]);
    expect((await run.evaluate())[0].state).toBe('done');
    expect(run.progress().tasks[0].solutionShown).toBe(true);
  });

  it('fires a timed event at its simulated time, and an event when a task is done', async () => {
    const l = lesson((d) => {
      d.events = [
        { at: '30s', steps: [{ sim: 'node-down worker-3' }] },
        { after: 'label', steps: [{ kubectl: 'annotate pod web stage=two' }] },
      ];
    });
    const run = await LessonRun.start(l);
    const started = sess(run).cluster.now();
    await run.advance(29_000);
    expect(run.progress().fired).toEqual([]);
    await run.advance(2_000);
    const fired = run.takeFired();
    expect(fired.map((f) => [f.index, f.atSim])).toEqual([[0, 30_000]]);
    expect(sess(run).cluster.now() - started).toBe(31_000);
    await sess(run).kubectl('label pod web tier=front');
    await run.evaluate();
    expect(run.progress().fired).toEqual([0, 1]);
    expect((await sess(run).kubectl('get pod web -o jsonpath={.metadata.annotations.stage}')).stdout).toBe('two');
  });

  it('a timed event that came due while the clock ran on its own fires at the next evaluation', async () => {
    const run = await LessonRun.start(lesson((d) => (d.events = [{ at: '10s', steps: [{ kubectl: 'annotate pod web late=yes' }] }])));
    sess(run).cluster.advance(15_000);
    await run.evaluate();
    expect(run.progress().fired).toEqual([0]);
  });

  it('resumes saved progress, ignoring entries for tasks the lesson does not have and hint counts past the end', async () => {
    const l = lesson(twoTasks);
    const first = await LessonRun.start(l);
    const saved = first.progress();
    saved.tasks[0] = { ...saved.tasks[0], done: true, doneAtSim: 1 };
    saved.tasks[1] = { ...saved.tasks[1], hintsUsed: 99 };
    saved.tasks.push({ id: 'ghost', done: true, hintsUsed: 0, solutionShown: false });
    const run = LessonRun.resume(l, first.target, saved);
    expect(run.status().map((t) => t.state)).toEqual(['done', 'current']);
    expect(run.progress().tasks.map((t) => t.id)).toEqual(['label', 'annotate']);
    expect(run.progress().tasks[1].hintsUsed).toBe(2);
  });

  it('grading looks only at the cluster, never at saved progress', async () => {
    const l = lesson(twoTasks);
    const run = await LessonRun.start(l);
    await sess(run).kubectl('label pod web tier=front');
    expect((await gradeCluster(l, sess(run).cluster)).map((g) => g.passed)).toEqual([true, false]);
  });
});

describe('selfCheck', () => {
  it('passes a lesson whose checks fail before and pass after their solutions', async () => {
    const r = await selfCheck(lesson(twoTasks));
    expect(r.problem).toBeUndefined();
    expect(r.passed).toBe(true);
    expect(r.tasks.map((t) => [t.before.passed, t.after?.passed])).toEqual([
      [false, true],
      [false, true],
    ]);
  });

  it('fails a check that already passes before its solution', async () => {
    const r = await selfCheck(lesson((d) => (d.tasks[0].check = [{ kubectl: 'get pod web -o name', expect: 'pod/web' }])));
    expect(r.passed).toBe(false);
    expect(r.problem).toMatch(/passes before the solution/);
  });

  it('fails a solution that does not satisfy its check', async () => {
    const r = await selfCheck(lesson((d) => (d.tasks[0].solution = [{ kubectl: 'label pod web tier=back' }])));
    expect(r.problem).toBe('the check still fails after the solution');
  });

  it('fails a lesson whose finished cluster no longer satisfies an earlier check', async () => {
    const r = await selfCheck(
      lesson((d) => {
        twoTasks(d);
        d.tasks[1].solution = [{ kubectl: 'annotate pod web owner=team-a' }, { kubectl: 'label pod web tier-' }];
      }),
    );
    expect(r.problem).toMatch(/^task label: its check no longer holds/);
  });

  it('reports the events each task fired, and fails on an event that does not run', async () => {
    const ok = await selfCheck(lesson((d) => (d.events = [{ after: 'label', steps: [{ kubectl: 'annotate pod web stage=two' }] }])));
    expect(ok.passed).toBe(true);
    expect(ok.tasks[0].events.map((e) => e.outcomes.map((o) => o.stdout.trim()))).toEqual([['pod/web annotated']]);
    const bad = await selfCheck(lesson((d) => (d.events = [{ after: 'label', steps: [{ kubectl: 'delete pod nothing-here' }] }])));
    expect(bad.problem).toMatch(/^event 1 failed at its step 1: exit code: expected 0 but got 1/);
  });

    it('reports a setup that fails', async () => {
    const r = await selfCheck(lesson((d) => (d.setup = [{ kubectl: 'get pod nothing-here' }])));
    expect(r.passed).toBe(false);
    expect(r.problem).toMatch(/setup failed at step 1/);
  });
});
