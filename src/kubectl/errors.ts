import type { Status } from 'kubernetes-types/meta/v1';
import { StatusError } from '../engine/api/status';

/**
 * A failure whose text is final: printed to stderr as is (a newline is added when missing),
 * then kubectl exits with `exitCode`. An empty text exits silently.
 */
export class CmdError extends Error {
  constructor(
    readonly text: string,
    readonly exitCode = 1,
  ) {
    super(text);
    this.name = 'CmdError';
  }
}

/**
 * Several failures reported together (utilerrors.Aggregate). As the last error of a command
 * each prints on its own line; nested inside another error it reads `[a, b]` as Go's does.
 */
export class ErrorList extends Error {
  constructor(readonly errors: unknown[]) {
    const texts = errors.map((e) => (e instanceof Error ? e.message : String(e)));
    super(texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`);
    this.name = 'ErrorList';
  }
}

/** `error: <msg>`, kubectl's generic failure. */
export function fatal(message: string, exitCode = 1): CmdError {
  return new CmdError(message.startsWith('error: ') ? message : `error: ${message}`, exitCode);
}

/** cmdutil.UsageErrorf: the message plus where to read more. */
export function usageError(commandPath: string, message: string): CmdError {
  return fatal(`${message}\nSee '${commandPath} -h' for help and examples`);
}

/** A resource word the API does not serve (meta.NoResourceMatchError). */
export function noResourceType(resource: string, group = '', version = ''): CmdError {
  if (group && version) {
    return fatal(`the server doesn't have a resource type "${resource}" in group "${group}" and version "${version}"`);
  }
  if (group) return fatal(`the server doesn't have a resource type "${resource}" in group "${group}"`);
  if (version) return fatal(`the server doesn't have a resource type "${resource}" in version "${version}"`);
  return fatal(`the server doesn't have a resource type "${resource}"`);
}

/** What kubectl prints for an API error: `Error from server (NotFound): pods "x" not found`. */
export function statusMessage(status: Status): string {
  const message = status.message ?? '';
  if (status.reason === 'Unauthorized') return `error: You must be logged in to the server (${message})`;
  if (status.reason) return `Error from server (${status.reason}): ${message}`;
  return `Error from server: ${message}`;
}

/** The one-line form of any error inside a list of errors (messageForError). */
export function messageOf(err: unknown): string {
  if (err instanceof StatusError) return statusMessage(err.status);
  if (err instanceof CmdError) return err.text;
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * cmdutil.CheckErr: how kubectl turns the error a command returned into stderr text and an
 * exit code. Invalid gets its `The Kind "name" is invalid: …` form; lists print one line each.
 */
export function errorOutput(err: unknown): { text: string; exitCode: number } {
  let e = err;
  if (e instanceof ErrorList && e.errors.length === 1) e = e.errors[0];
  if (e instanceof CmdError) return { text: e.text, exitCode: e.exitCode };
  if (e instanceof StatusError && e.reason === 'Invalid') return { text: invalidText(e.status), exitCode: 1 };
  if (e instanceof StatusError) return { text: statusMessage(e.status), exitCode: 1 };
  if (e instanceof ErrorList) return { text: e.errors.map(messageOf).join('\n'), exitCode: 1 };
  const message = e instanceof Error ? e.message : String(e);
  return { text: message.startsWith('error: ') ? message : `error: ${message}`, exitCode: 1 };
}

function invalidText(status: Status): string {
  const details = status.details;
  let s = 'The request is invalid';
  if (!details) return status.message ? `${s}: ${status.message}` : s;
  const causes = details.causes ?? [];
  if (details.kind || details.name) s = `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`;
  else if (status.message && causes.length === 0) s += `: ${status.message}`;
  if (!causes.length) return s;
  const lines: string[] = [];
  for (const c of causes) {
    const line = `${c.field ?? ''}: ${c.message ?? ''}`;
    if (!lines.includes(line)) lines.push(line);
  }
  if (lines.length === 1) return `${s}: ${lines[0]}`;
  return `${s}: \n${lines.map((l) => `* ${l}`).join('\n')}`;
}
