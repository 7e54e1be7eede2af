import type { KObject, WatchEventType } from '../engine/api/types';

/** One change the UI cache applies: an object of a resource was added, modified or deleted. */
export interface ObjectChange {
  type: WatchEventType;
  /** The resource key: `pods`, `apps/deployments` … */
  resource: string;
  object: KObject;
}

/**
 * What the worker sends the page: at most one batch per tick. The first batch after subscribing
 * (and after a reset) is a `reset` carrying every object; later batches carry only changes.
 * A batch may carry no changes at all: then it only tells the time moved or the status changed.
 */
export interface WatchBatch {
  now: number;
  reset?: boolean;
  changes: ObjectChange[];
  clock?: ClockState;
  storage?: StorageStatus;
  /** Time travel's moments and what is shown (sent when it changed). */
  history?: HistoryState;
  /** The lesson being taken, when its status changed (a task's check passed, a hint, an event). */
  lesson?: LessonView;
}

/** Time travel: the moments kept, and the one the page is showing instead of now. */
export interface HistoryState {
  /** Simulated times of the kept snapshots, oldest first. */
  times: number[];
  /** The moment shown read-only; undefined: the page shows the live cluster. */
  viewing?: number;
}

export interface CommandOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Where a terminal's command sends its output while it runs (a comlink proxy from the page). */
export interface RunIO {
  output(stream: 'stdout' | 'stderr', text: string): void;
  /** `kubectl edit`: open the text in the page's editor; resolves with the saved text, or undefined when cancelled. */
  edit?(text: string, fileName: string): Promise<string | undefined>;
}

/** How a terminal's command ended. */
export interface RunOutcome extends CommandOutcome {
  /** Ctrl-C ended it (its output after that was dropped). */
  interrupted?: boolean;
  /** `exec -it … sh` opened a shell: the terminal now sends lines to it, showing this prompt. */
  shell?: { prompt: string };
}

/** What one line typed into an open container shell gives back. */
export interface ShellReply extends CommandOutcome {
  /** The shell has ended: the terminal goes back to kubectl. */
  closed: boolean;
  prompt: string;
}

/** One Tab completion: the word to put in place of the one being typed, and a hint. */
export interface Completion {
  value: string;
  description?: string;
}

export interface ClockState {
  now: number;
  /** Simulated seconds per wall second; 0 when paused. */
  speed: number;
  /** When the cluster was created (simulated ms since the epoch). */
  createdAt: number;
  /** When the next scheduled thing happens in the cluster, if anything is pending. */
  nextEventAt?: number;
}

export type StorageState =
  /** Nothing to save yet, or saving is switched off (tests). */
  | 'idle'
  | 'saving'
  | 'saved'
  /** The last save failed; the sandbox keeps running in memory and retries on the next change. */
  | 'error'
  /** A saved sandbox exists but could not be read back; it is kept untouched until the learner decides. */
  | 'restore-failed'
  /** IndexedDB is not available: nothing is saved. */
  | 'unavailable'
  /** Another tab writes this sandbox: this one follows it and saves nothing. */
  | 'read-only';

export interface StorageStatus {
  state: StorageState;
  /** Wall time of the last successful save. */
  savedAt?: number;
  /** Simulated time the last save captured. */
  simTime?: number;
  /** The clock speed the last save captured (0: paused). */
  speed?: number;
  /** Wall ms the last save took (capturing the cluster and writing it). */
  saveMs?: number;
  /** Wall ms reading and restoring the saved sandbox took at start. */
  loadMs?: number;
  error?: string;
}

export interface SandboxInfo {
  clock: ClockState;
  storage: StorageStatus;
  /** The sandbox came back from storage (rather than being created). */
  restored: boolean;
  /** The kubeconfig context kubectl talks to. */
  context: string;
}

/** A text in every language the sandbox speaks (Markdown except titles). */
export type LocalizedText = Record<'en' | 'ja', string>;

/** One lesson in the catalogue, with the learner's progress in it. */
export interface LessonSummary {
  id: string;
  title: LocalizedText;
  level: 'beginner' | 'intermediate' | 'advanced';
  minutes: number;
  concepts: string[];
  tasks: number;
  done: number;
  /** Loaded from a teacher's pack rather than shipped with the sandbox. */
  fromPack: boolean;
}

export interface LessonList {
  lessons: LessonSummary[];
  /** Lessons that failed validation (never run), each message naming where and why. */
  errors: string[];
  /** The lesson being taken, if any. */
  active?: string;
}

export interface LessonTaskView {
  id: string;
  title: LocalizedText;
  prose: LocalizedText;
  state: 'done' | 'current' | 'locked';
  /** The hints opened so far, in order. */
  hints: LocalizedText[];
  hintsLeft: number;
  /** Once done: why it worked. */
  explanation?: LocalizedText;
  /** For the current task: what its check saw the last time it ran (kubectl's output against the expectation). */
  check?: string;
}

/** The lesson being taken, as the lesson panel shows it. */
export interface LessonView {
  id: string;
  title: LocalizedText;
  intro: LocalizedText;
  outro?: LocalizedText;
  finished: boolean;
  tasks: LessonTaskView[];
  /** What the lesson did on its own so far (simulated ms after it started, and its note). */
  events: { atSim: number; note?: LocalizedText }[];
}

/** A sandbox as the list of sandboxes shows it. */
export interface SandboxMeta {
  id: string;
  name: string;
  /** Wall time it was created (ms since the epoch). */
  createdAt: number;
  savedAt?: number;
  simTime?: number;
}

/** The learner's named sandboxes (src/worker/sandboxes.ts), on the same endpoint as SandboxApi. */
export interface LibraryApi {
  /** Every sandbox, and the one this tab has open. */
  listSandboxes(): Promise<{ current: string; sandboxes: SandboxMeta[] }>;
  createSandbox(name: string): Promise<SandboxMeta>;
  renameSandbox(id: string, name: string): Promise<void>;
  duplicateSandbox(id: string, name: string): Promise<SandboxMeta>;
  /** Refused for the sandbox open here or in another tab. */
  deleteSandbox(id: string): Promise<void>;
  /** The sandbox as a file in the CLI's `--state` format. */
  exportSandbox(id: string): Promise<{ name: string; text: string }>;
  /** A new sandbox from a file; a bad file is refused with the reason and changes nothing. */
  importSandbox(text: string, fallbackName: string): Promise<SandboxMeta>;
  /** This tab follows another's sandbox read-only: ask for it and write it from here. */
  takeOver(): Promise<void>;
}

/** The typed surface the page calls in the worker (through comlink). */
export interface SandboxApi {
  /** Create the cluster, or bring the saved one back unless `fresh`. */
  start(opts: { seed?: number; speed?: number; fresh?: boolean; sandbox?: string }): Promise<SandboxInfo>;
  /** A command line as typed in the terminal: `kubectl …` (or `k …`) or `sim …`; `stdin` feeds `-f -`. */
  run(line: string, stdin?: string): Promise<CommandOutcome>;
  /**
   * A command line run from the terminal: output streams to `io` as it is produced, waits follow
   * the running clock (instead of jumping time), and `exec -it POD -- sh` opens a shell.
   */
  runLive(line: string, io: RunIO, stdin?: string): Promise<RunOutcome>;
  /** Ctrl-C: end the command runLive is running. */
  interrupt(): Promise<void>;
  /** A line typed into the shell `exec -it` opened. */
  shellInput(line: string): Promise<ShellReply>;
  /** Leave the open shell (the terminal closed). */
  shellClose(): Promise<void>;
  /** Completions for the last word of a command line (the text up to the cursor). */
  complete(line: string): Promise<Completion[]>;
  subscribe(listener: (batch: WatchBatch) => void): Promise<void>;
  setSpeed(speed: number): Promise<ClockState>;
  advance(ms: number): Promise<ClockState>;
  /** Move simulated time to the next scheduled event in the cluster (at most `limitMs` ahead). */
  stepToNextEvent(limitMs?: number): Promise<ClockState>;
  clock(): Promise<ClockState>;
  /** Throw the sandbox away (and its saved copy) and start a new cluster. */
  reset(opts?: { seed?: number }): Promise<SandboxInfo>;
  /** Save now (the page calls this when it is hidden or closed). */
  saveNow(): Promise<StorageStatus>;
  /** Time travel: the moments that can be shown. */
  history(): Promise<HistoryState>;
  /** Show the cluster as it was at the kept moment at or before `at`, read-only (the live cluster pauses). */
  travel(at: number): Promise<HistoryState>;
  /** Leave the past: the page shows the live cluster again, at the speed it had. */
  returnToNow(): Promise<HistoryState>;
  /** Continue from the moment shown: it becomes the live cluster (what came after it is gone). */
  branch(): Promise<HistoryState>;
  /** The current sandbox as JSON text, to download when storage fails. */
  exportSnapshot(): Promise<string>;
  /** The saved copy as stored, when it could not be restored (to download before discarding it). */
  exportSaved(): Promise<string | undefined>;
  /** The lesson catalogue: bundled lessons and loaded packs, with progress. */
  listLessons(): Promise<LessonList>;
  /** A teacher's pack (JSON or YAML text from a file or URL): validated; its valid lessons join the catalogue. */
  loadLessonPack(text: string, source: string): Promise<LessonList>;
  /** A fresh cluster with the lesson's setup applied; the lesson's checks then run after every change. */
  startLesson(id: string): Promise<LessonView>;
  /** The lesson being taken, if any. */
  lessonView(): Promise<LessonView | undefined>;
  /** Open the current task's next hint. */
  lessonHint(): Promise<LessonView | undefined>;
  /** "Show me": run the current task's reference solution in the learner's cluster. */
  lessonShowMe(): Promise<{ view?: LessonView; outcomes: CommandOutcome[] }>;
  /** Stop taking the lesson (progress is kept); the cluster stays as it is. */
  leaveLesson(): Promise<void>;
  /** Every lesson's progress as JSON text, for the learner to hand in. */
  exportLessonProgress(): Promise<string>;
}
