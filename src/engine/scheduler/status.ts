/**
 * A plugin's verdict, as the scheduling framework's Status: a code and the reasons that end up,
 * word for word, in the FailedScheduling message. Success is `undefined` so that the hot path
 * (thousands of filter calls per pod) allocates nothing.
 */
export type Code =
  | 'Success'
  | 'Error'
  | 'Unschedulable'
  | 'UnschedulableAndUnresolvable'
  | 'Skip';

export interface Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  /** The plugin that returned it; the framework fills this in. */
  plugin?: string;
}

export type Result = Status | undefined;

export function unschedulable(...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons };
}

/** Rejected in a way preemption cannot help with. */
export function unresolvable(...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}

export function skip(): Status {
  return { code: 'Skip', reasons: [] };
}

export function error(message: string): Status {
  return { code: 'Error', reasons: [message] };
}

export function isSuccess(s: Result): boolean {
  return s === undefined || s.code === 'Success';
}

export function isRejected(s: Result): boolean {
  return s !== undefined && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable');
}

/** Status.Message(): the reasons joined with ", ". */
export function message(s: Result): string {
  return s ? s.reasons.join(', ') : '';
}

export function withPlugin(s: Status, plugin: string): Status {
  return s.plugin === plugin ? s : { ...s, plugin };
}
