import { create } from 'zustand';
import { subscribe } from '../../../worker/client';
import type { CommandOutcome, LessonList, LessonView } from '../../../worker/protocol';
import { useSandbox } from '../../state/sandbox';

interface LessonsState {
  open: boolean;
  list?: LessonList;
  view?: LessonView;
  busy: boolean;
  error?: string;
  /** What the last "show me" printed. */
  shown?: CommandOutcome[];
  /** Errors of the last pack loaded. */
  packErrors: string[];
  set(s: Partial<LessonsState>): void;
}

export const useLessons = create<LessonsState>((set) => ({ open: false, busy: false, packErrors: [], set: (s) => set(s) }));

let listening = false;

/** The pack size the worker accepts (MAX_PACK_BYTES in src/lessons/loader.ts, kept out of the page's bundle). */
const PACK_LIMIT = 4 * 1024 * 1024;

/** Follow the lesson's status as the worker pushes it after each change batch. */
async function listen(): Promise<void> {
  const api = useSandbox.getState().api;
  if (!api || listening) return;
  listening = true;
  await subscribe(api, (batch) => {
    if (batch.lesson) useLessons.setState({ view: batch.lesson });
    // A reset (the sandbox was reset or a lesson started) may have ended the lesson.
    if (batch.reset) void api.lessonView().then((view) => useLessons.setState({ view }));
  });
}

/** Run a worker call with the panel busy; its failure becomes the panel's error, never a throw. */
async function act<T>(fn: () => Promise<T>): Promise<T | undefined> {
  useLessons.setState({ busy: true, error: undefined });
  try {
    return await fn();
  } catch (e) {
    useLessons.setState({ error: e instanceof Error ? e.message : String(e) });
    return undefined;
  } finally {
    useLessons.setState({ busy: false });
  }
}

function api() {
  const a = useSandbox.getState().api;
  if (!a) throw new Error('the cluster is still starting');
  return a;
}

export async function refresh(): Promise<void> {
  await act(async () => {
    await listen();
    const [list, view] = await Promise.all([api().listLessons(), api().lessonView()]);
    useLessons.setState({ list, view });
  });
}

export async function startLesson(id: string): Promise<void> {
  await act(async () => {
    await listen();
    const view = await api().startLesson(id);
    useLessons.setState({ view, shown: undefined, list: await api().listLessons() });
  });
}

export async function nextHint(): Promise<void> {
  const view = await act(() => api().lessonHint());
  if (view) useLessons.setState({ view });
}

export async function showMe(): Promise<void> {
  const r = await act(() => api().lessonShowMe());
  if (r) useLessons.setState({ view: r.view, shown: r.outcomes });
}

export async function leaveLesson(): Promise<void> {
  await act(async () => {
    await api().leaveLesson();
    useLessons.setState({ view: undefined, shown: undefined, list: await api().listLessons() });
  });
}

export async function loadPack(text: string, source: string): Promise<void> {
  const list = await act(() => api().loadLessonPack(text, source));
  if (list) useLessons.setState({ list, packErrors: list.errors });
}

/** A pack from a URL: fetched by the page (the worker never fetches), then validated in the worker. */
export async function loadPackFromUrl(url: string): Promise<void> {
  const text = await act(async () => {
    const res = await fetch(url, { credentials: 'omit' });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    // The worker refuses packs over 4 MB; a bigger download is not worth making.
    if (Number(res.headers.get('content-length') ?? 0) > PACK_LIMIT) throw new Error(`${url}: larger than ${PACK_LIMIT} bytes`);
    return res.text();
  });
  if (text !== undefined) await loadPack(text, url);
}

export async function exportProgress(): Promise<string | undefined> {
  return act(() => api().exportLessonProgress());
}
