import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cluster } from '../engine/sim/cluster';
import { loadPack, MAX_LESSON_BYTES, MAX_PACK_BYTES, parseLesson } from './loader';
import { minimalLesson } from './testing';
import { LessonFormatError } from './types';
import { validateLesson } from './validate';

type Doc = ReturnType<typeof minimalLesson> & { tasks: Record<string, unknown>[] };

function problems(doc: unknown): string[] {
  try {
    validateLesson(doc, 'pack');
  } catch (e) {
    if (e instanceof LessonFormatError) return e.problems;
    throw e;
  }
  return [];
}

function variant(change: (d: Doc) => void): Doc {
  const d = minimalLesson() as Doc;
  change(d);
  return d;
}

describe('a hostile or broken lesson pack fails validation and runs nothing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the minimal lesson itself is valid', () => {
    expect(problems(minimalLesson())).toEqual([]);
  });

  it('rejects raw HTML and script tags in any Markdown text', () => {
    expect(problems(variant((d) => (d.intro = { en: 'hi <script>alert(1)</script>', ja: 'こんにちは' })))).toEqual([expect.stringMatching(/^intro\.en: raw HTML is not allowed/)]);
    expect(problems(variant((d) => (d.tasks[0].hints = [{ en: 'ok', ja: '<iframe src="https://evil.example"></iframe>' }])))).toEqual([expect.stringMatching(/^tasks\.0\.hints\.0\.ja: raw HTML/)]);
    expect(problems(variant((d) => (d.tasks[0].explanation = { en: '<img src=x onerror=alert(1)>', ja: 'x' })))).toHaveLength(1);
  });

  it('rejects javascript: and data: links', () => {
    expect(problems(variant((d) => (d.tasks[0].prose = { en: '[go](javascript:alert(document.cookie))', ja: 'x' })))).toEqual([expect.stringMatching(/^tasks\.0\.prose\.en: link target not allowed/)]);
    expect(problems(variant((d) => (d.intro = { en: 'x', ja: '[見る](data:text/html;base64,PHNjcmlwdD4=)' })))).toHaveLength(1);
  });

  it('rejects unknown step kinds and unknown keys', () => {
    expect(problems(variant((d) => (d.setup = [{ shell: 'rm -rf /' }])))).toEqual([expect.stringMatching(/^setup\.0: not a step/)]);
    expect(problems(variant((d) => (d.tasks[0].solution = [{ kubectl: 'get pods', eval: 'x' }])))).toEqual([expect.stringMatching(/^tasks\.0\.solution\.0/)]);
    expect(problems(variant((d) => Object.assign(d, { onload: 'alert(1)' })))).toContain('lesson: unknown key "onload"');
  });

  it('rejects checks that would change the cluster', () => {
    expect(problems(variant((d) => (d.tasks[0].check = [{ kubectl: 'label pod web tier=front', expect: 'pod/web labeled' }])))).toEqual([expect.stringMatching(/^tasks\.0\.check\.0: a check only reads the cluster/)]);
    expect(problems(variant((d) => (d.tasks[0].check = [{ sim: 'node-down worker-1' }])))).toEqual([expect.stringMatching(/^tasks\.0\.check\.0: not a step/)]);
    expect(problems(variant((d) => (d.tasks[0].check = [{ waitFor: { kubectl: 'delete pod web', within: '1m' } }])))).toEqual([expect.stringMatching(/a check only reads/)]);
  });

  it('rejects a regular expression that could backtrack for ever', () => {
    expect(problems(variant((d) => (d.tasks[0].check = [{ kubectl: 'get pods', expect: { matches: '^(a+)+$' } }])))).toEqual([expect.stringMatching(/check\.0: "matches: \^\(a\+\)\+\$" repeats a group that itself repeats/)]);
  });

  it('rejects a missing language, an empty text and a bad id', () => {
    expect(problems(variant((d) => (d.title = { en: 'Only English' })))).toEqual([expect.stringMatching(/^title: must have required property 'ja'/)]);
    expect(problems(variant((d) => (d.tasks[0].explanation = { en: '   ', ja: 'x' })))).toEqual([expect.stringMatching(/^tasks\.0\.explanation\.en: must match pattern/)]);
    expect(problems(variant((d) => (d.id = '../../etc/passwd')))).toEqual([expect.stringMatching(/^id: must match pattern/)]);
  });

  it('rejects events that name no task, and tasks that share an id', () => {
    expect(problems(variant((d) => (d.events = [{ after: 'nope', steps: [{ sim: 'node-down worker-1' }] }])))).toEqual(['events.0.after: no task has the id "nope"']);
    expect(problems(variant((d) => d.tasks.push({ ...d.tasks[0] })))).toEqual(['tasks.1.id: "label" is used by an earlier task']);
  });

  it('reports bad YAML, huge files and things that are not packs as validation errors', () => {
    expect(() => parseLesson('id: [unclosed', 'x/lesson.yaml')).toThrow(/YAML/);
    expect(() => parseLesson(`id: x\nintro: "${'a'.repeat(MAX_LESSON_BYTES)}"`, 'x/lesson.yaml')).toThrow(/the limit is/);
    expect(() => loadPack('x'.repeat(MAX_PACK_BYTES + 1), 'big.yaml')).toThrow(LessonFormatError);
    expect(() => loadPack('{"lessons": []}', 'p.json')).toThrow(/not a lesson pack/);
    expect(() => loadPack('!!js/function "function () { return 1 }"', 'p.yaml')).toThrow(LessonFormatError);
    // A billion-laughs document expands aliases past what the parser allows.
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(() => loadPack(laughs, 'laughs.yaml')).toThrow(LessonFormatError);
  });

  it('validates each lesson of a pack on its own and never builds a cluster while loading', () => {
    const create = vi.spyOn(Cluster, 'create');
    const good = minimalLesson();
    const bad = variant((d) => (d.intro = { en: '<script>x</script>', ja: 'x' }));
    bad.id = 'bad';
    const pack = JSON.stringify({ format: 'kube-sandbox/lesson-pack', version: 1, lessons: [good, bad, { id: 'x', setup: [{ sim: 'node-down worker-1' }] }] });
    const r = loadPack(pack, 'teacher.json');
    expect(r.lessons.map((l) => l.id)).toEqual(['tiny']);
    expect(r.errors.map((e) => e.source)).toEqual(['teacher.json lessons.1 (bad)', 'teacher.json lessons.2 (x)']);
    expect(create).not.toHaveBeenCalled();
  });
});
