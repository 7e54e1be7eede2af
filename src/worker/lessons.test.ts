import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { minimalLesson } from '../lessons/testing';
import { bundledLessons, LessonHost, type LessonStore, type SavedLessons } from './lessons';
import type { SavedSandbox, SnapshotStore } from './persist';
import type { WatchBatch } from './protocol';
import { realEngine } from './real-engine';
import { Sandbox } from './sandbox';
import { ManualTicker } from './testing/fake-engine';

function memoryLessons(): LessonStore & { saved?: SavedLessons } {
  const s: LessonStore & { saved?: SavedLessons } = {
    async load() {
      return s.saved ? structuredClone(s.saved) : undefined;
    },
    async save(saved) {
      s.saved = structuredClone(saved);
    },
  };
  return s;
}

const tiny = { 'tiny/lesson.yaml': stringify(minimalLesson()) };
const settle = () => new Promise((r) => setTimeout(r, 0));

async function sandboxWith(files: Record<string, string>, store = memoryLessons()) {
  const ticker = new ManualTicker();
  const sandbox = new Sandbox(ticker, { engine: realEngine, lessons: new LessonHost(files, store, () => 7) });
  await sandbox.start({ speed: 1 });
  const batches: WatchBatch[] = [];
  await sandbox.subscribe((b) => batches.push(b));
  return { ticker, sandbox, batches, store };
}

describe('lessons in the worker', () => {
  it('bundles every lesson in lessons/ and they all load', () => {
    const host = new LessonHost(bundledLessons());
    const list = host.list();
    expect(list.errors).toEqual([]);
    expect(list.lessons.map((l) => l.id)).toContain('drain-and-pdb');
  });

  it('starts a lesson on a fresh cluster, checks after changes, and pushes the status to the page', async () => {
    const { ticker, sandbox, batches, store } = await sandboxWith(tiny);
    await sandbox.run('kubectl create configmap leftover');
    const view = await sandbox.startLesson('tiny');
    expect(view.tasks.map((t) => t.state)).toEqual(['current']);
    expect(view.tasks[0].check).toMatch(/expected\n\s+front/);
    // The lesson's setup ran in a new cluster: the learner's earlier object is gone.
    expect((await sandbox.run('kubectl get configmap leftover')).exitCode).toBe(1);
    expect((await sandbox.run('kubectl get pod web -o name')).stdout).toBe('pod/web\n');

    // A namespace switch does not change what the check reads.
    await sandbox.run('kubectl config set-context --current --namespace=kube-system');
    await sandbox.run('kubectl label pod web tier=front -n default');
    ticker.pass(100);
    await settle();
    await settle();
    const pushed = batches.filter((b) => b.lesson).at(-1)?.lesson;
    expect(pushed?.tasks[0].state).toBe('done');
    expect(pushed?.tasks[0].explanation?.en).toBe('Labels are key/value pairs.');
    expect(pushed?.finished).toBe(true);
    expect(store.saved?.progress.tiny.tasks[0]).toMatchObject({ done: true, doneAtWall: 7 });
    expect((await sandbox.listLessons()).lessons[0]).toMatchObject({ id: 'tiny', tasks: 1, done: 1 });
    sandbox.stop();
  });

  it('gives hints one at a time, and "show me" runs the solution', async () => {
    const { sandbox } = await sandboxWith(tiny);
    await sandbox.startLesson('tiny');
    const hinted = await sandbox.lessonHint();
    expect(hinted?.tasks[0].hints.map((h) => h.en)).toEqual(['Use `kubectl label`.']);
    expect(hinted?.tasks[0].hintsLeft).toBe(0);
    const shown = await sandbox.lessonShowMe();
    expect(shown.outcomes.map((o) => o.stdout)).toEqual(['pod/web labeled\n']);
    expect(shown.view?.tasks[0].state).toBe('done');
    const progress = JSON.parse(await sandbox.exportLessonProgress());
    expect(progress.lessons.tiny.tasks[0]).toMatchObject({ hintsUsed: 1, solutionShown: true, done: true });
    sandbox.stop();
  });

  it('loads a pack: valid lessons join the catalogue, a hostile one is only reported', async () => {
    const { sandbox, store } = await sandboxWith({});
    const bad = { ...minimalLesson(), id: 'bad', intro: { en: '<script>alert(1)</script>', ja: 'x' } };
    const good = { ...minimalLesson(), id: 'from-teacher' };
    const list = await sandbox.loadLessonPack(JSON.stringify({ format: 'kube-sandbox/lesson-pack', version: 1, lessons: [good, bad] }), 'https://school.example/pack.json');
    expect(list.lessons.map((l) => [l.id, l.fromPack])).toEqual([['from-teacher', true]]);
    expect(list.errors).toEqual([expect.stringMatching(/lessons\.1 \(bad\).*\n.*intro\.en: raw HTML/)]);
    await expect(sandbox.startLesson('bad')).rejects.toThrow('no lesson has the id "bad"');
    expect(store.saved?.packs.map((p) => p.source)).toEqual(['https://school.example/pack.json']);
    sandbox.stop();
  });

  it('a reload brings the lesson back with the saved sandbox: progress, hints, and checks that still run', async () => {
    let record: SavedSandbox | undefined;
    const snapshots: SnapshotStore = {
      load: async () => (record ? structuredClone(record) : undefined),
      save: async (r) => {
        record = structuredClone({ id: 'current', format: 1 as const, ...r });
      },
      clear: async () => {
        record = undefined;
      },
    };
    const lessons = memoryLessons();
    const a = new Sandbox(new ManualTicker(), { engine: realEngine, store: snapshots, lessons: new LessonHost(tiny, lessons) });
    await a.start({ speed: 0 });
    await a.startLesson('tiny');
    await a.lessonHint();
    await a.saveNow();
    a.stop();

    const b = new Sandbox(new ManualTicker(), { engine: realEngine, store: snapshots, lessons: new LessonHost(tiny, lessons) });
    expect((await b.start({})).restored).toBe(true);
    const view = await b.lessonView();
    expect(view?.id).toBe('tiny');
    expect(view?.tasks[0].hints).toHaveLength(1);
    await b.run('kubectl label pod web tier=front');
    const shown = await b.lessonShowMe();
    expect(shown.view?.finished).toBe(true);
    b.stop();
  });

  it('a timed lesson event fires on time when the learner moves the clock on, by sim advance or the clock buttons', async () => {
    const timed = { 'timed/lesson.yaml': stringify({ ...minimalLesson(), id: 'timed', events: [{ at: '30s', steps: [{ kubectl: 'annotate pod web fired=yes' }] }] }) };
    const { sandbox } = await sandboxWith(timed);
    await sandbox.setSpeed(0);
    await sandbox.startLesson('timed');
    const out = await sandbox.run('sim advance 2m');
    expect(out.stdout).toMatch(/^advanced 2m0s; simulated time is now /);
    // The annotation was written 30 s in, not at the end of the 2 minutes.
    const managed = await sandbox.run("kubectl get pod web -o jsonpath='{.metadata.annotations.fired}'");
    expect(managed.stdout).toBe('yes');
    expect((await sandbox.lessonView())?.events.map((e) => e.atSim)).toEqual([30_000]);
    sandbox.stop();
  });

  it('the clock buttons move time through the lesson too', async () => {
    const timed = { 'timed/lesson.yaml': stringify({ ...minimalLesson(), id: 'timed', events: [{ at: '45s', steps: [{ sim: 'node-down worker-3' }] }] }) };
    const { sandbox } = await sandboxWith(timed);
    await sandbox.setSpeed(0);
    await sandbox.startLesson('timed');
    await sandbox.advance(5 * 60_000);
    expect((await sandbox.lessonView())?.events.map((e) => e.atSim)).toEqual([45_000]);
    // Down 4m15s by now: long past the grace period, so the node is NotReady.
    expect((await sandbox.run('kubectl get node worker-3')).stdout).toContain('NotReady');
    sandbox.stop();
  });

  it('resetting the sandbox leaves the lesson, keeping its progress', async () => {
    const { sandbox, store } = await sandboxWith(tiny);
    await sandbox.startLesson('tiny');
    await sandbox.lessonHint();
    await sandbox.reset();
    expect(await sandbox.lessonView()).toBeUndefined();
    expect(store.saved?.progress.tiny.tasks[0].hintsUsed).toBe(1);
    expect(store.saved?.active).toBeUndefined();
    sandbox.stop();
  });
});
