/** Lessons: the format, loading and validation, the runtime, self-check and grading. Headless. */
export type { CheckReader, CheckResult, CheckStepResult } from './checks';
export { clusterReader, evaluateCheck } from './checks';
export { gradeCluster, type TaskGrade } from './grade';
export { type LoadResult, loadLessonFiles, loadPack, makePack, PACK_FORMAT, parseLesson } from './loader';
export { type Block, type Inline, inlineText, parseMarkdown, safeHref } from './markdown';
export { type FiredEvent, type LessonProgress, LessonRun, LessonSetupError, sessionTarget, type TaskProgress, type TaskState, type TaskStatus } from './run';
export { type LessonSelfCheck, selfCheck, type TaskSelfCheck } from './selfcheck';
export { describeStep, type LessonTarget, type StepOutcome } from './steps';
export { LANGS, type Lang, type Lesson, type LessonEvent, LessonFormatError, type Localized, type Task } from './types';
export { lessonSchema, validateLesson } from './validate';
