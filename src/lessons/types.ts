/** The lesson format (lessons/README.md, lesson.schema.json) once loaded and checked. */
import type { Step } from '../scenario/types';

export type Lang = 'en' | 'ja';
export const LANGS: readonly Lang[] = ['en', 'ja'];

/** A text a learner reads, in every language the sandbox speaks; Markdown except for titles. */
export type Localized = Record<Lang, string>;

export type Level = 'beginner' | 'intermediate' | 'advanced';

export interface Task {
  id: string;
  title: Localized;
  prose: Localized;
  /** Read-only steps: kubectl reads with `expect`, or waitFor. All must pass for the task to be done. */
  check: Step[];
  hints: Localized[];
  /** Shown once the task is done: why it worked. */
  explanation: Localized;
  /** The reference solution: what "show me" runs, and what `lesson check` proves the check with. */
  solution: Step[];
}

/** Something the lesson does to the cluster on its own: at a simulated time, or when a task is done. */
export interface LessonEvent {
  /** Simulated milliseconds after the lesson started. */
  atMs?: number;
  at?: string;
  /** The id of the task whose completion fires it. */
  after?: string;
  note?: Localized;
  steps: Step[];
}

export interface Lesson {
  id: string;
  title: Localized;
  level: Level;
  minutes: number;
  concepts: string[];
  prerequisites: string[];
  intro: Localized;
  outro?: Localized;
  seed: number;
  preset: string;
  setup: Step[];
  tasks: Task[];
  events: LessonEvent[];
  /** Where the lesson came from (a folder, a pack file or URL): named in messages. */
  source: string;
}

/** A file that is not a valid lesson: every problem found, each naming where it is. */
export class LessonFormatError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: not a valid lesson:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
