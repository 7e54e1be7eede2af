import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { Cluster } from '../engine/sim/cluster';
import { minimalLesson } from '../lessons/testing';
import { lessonCommand } from './lesson';
import { saveState } from './state';
import { defaultKubeConfig } from '../kubectl';

function capture() {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out.push(String(s));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    out.push(String(s));
    return true;
  });
  return () => out.join('');
}

function lessonDir(doc: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'lesson-cli-'));
  mkdirSync(join(root, String(doc.id)));
  writeFileSync(join(root, String(doc.id), 'lesson.yaml'), stringify(doc));
  return join(root, String(doc.id));
}

describe('sandbox lesson', () => {
  afterEach(() => vi.restoreAllMocks());

  it('check: exit 2 and every problem for an invalid lesson, nothing run', async () => {
    const dir = lessonDir({ ...minimalLesson(), intro: { en: '<b>hi</b>', ja: 'x' }, level: 'expert' });
    const text = capture();
    expect(await lessonCommand(['check', dir])).toBe(2);
    expect(text()).toContain('level: must be one of beginner, intermediate, advanced');
    expect(text()).not.toContain('=== lesson');
  });

  it('check: exit 0 with a transcript for a lesson that works', async () => {
    const text = capture();
    expect(await lessonCommand(['check', lessonDir(minimalLesson())])).toBe(0);
    expect(text()).toMatch(/ok {3}before the solution: check fails[\s\S]*ok {3}solution \[1\] kubectl label pod web tier=front[\s\S]*PASS tiny \(1 task, /);
  });

  it('grade: a per-task report from an exported sandbox, exit 1 when a task is not done', async () => {
    const cluster = Cluster.create();
    const state = join(mkdtempSync(join(tmpdir(), 'lesson-grade-')), 'sandbox.json');
    saveState(state, cluster, defaultKubeConfig());
    const text = capture();
    expect(await lessonCommand(['grade', lessonDir(minimalLesson()), state])).toBe(1);
    expect(text()).toContain('✗ 1. Label it\n    kubectl get pod web -o jsonpath={.metadata.labels.tier}\n    exit code: expected 0 but got 1');
    expect(text()).toContain('0/1 tasks done');
  });

  it('grade --json --progress: one line per lesson, with the hints the app recorded beside the verdict', async () => {
    const cluster = Cluster.create();
    const dir = mkdtempSync(join(tmpdir(), 'lesson-grade-'));
    saveState(join(dir, 's.json'), cluster, defaultKubeConfig());
    // An edited progress file claiming the task is done changes nothing: only the cluster counts.
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ lessons: { tiny: { tasks: [{ id: 'label', done: true, hintsUsed: 1, solutionShown: false }] } } }));
    const text = capture();
    expect(await lessonCommand(['grade', lessonDir(minimalLesson()), join(dir, 's.json'), '--progress', join(dir, 'p.json'), '--json'])).toBe(1);
    const line = JSON.parse(text());
    expect(line).toMatchObject({ lesson: 'tiny', done: 0, total: 1, tasks: [{ id: 'label', passed: false, hintsUsed: 1, solutionShown: false, command: 'kubectl get pod web -o jsonpath={.metadata.labels.tier}' }] });
  });

  it('grade: exit 2 for a file that is not a sandbox export', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'lesson-grade-')), 'x.json');
    writeFileSync(bad, '{"hello": 1}');
    const text = capture();
    expect(await lessonCommand(['grade', lessonDir(minimalLesson()), bad])).toBe(2);
    expect(text()).toMatch(/not a sandbox export/);
  });
});
