import { ShellSyntaxError, shellWords } from '../scenario/shellwords';

/**
 * The kubectl commands a check may run: ones that only read. A check that could write would let
 * grading change what it grades, so anything else is refused when a lesson is loaded, and again
 * before a check runs.
 */
const READ_ONLY = new Set(['get', 'describe', 'logs', 'top', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'events']);
const READ_ONLY_SUB: Record<string, Set<string>> = {
  auth: new Set(['can-i', 'whoami']),
  config: new Set(['view', 'current-context', 'get-contexts', 'get-clusters', 'get-users']),
  // Not `rollout status`: it waits for the rollout, and a check never lets time pass.
  rollout: new Set(['history']),
};
/** Flags that make an otherwise reading command act (or wait on the clock). */
const FORBIDDEN_FLAGS = /^(-[fkw]|--(filename|kustomize|watch|watch-only|follow|kubeconfig|raw)(=|$))/;

/** Why `args` is not a read-only kubectl command line, or undefined when it is one. */
export function notReadOnly(args: string): string | undefined {
  let words: string[];
  try {
    words = shellWords(args);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e.message;
    throw e;
  }
  if (words[0] === 'kubectl') words = words.slice(1);
  const verbs = words.filter((w) => !w.startsWith('-'));
  const verb = verbs[0];
  if (!verb) return 'a check needs a kubectl command';
  const bad = words.find((w) => FORBIDDEN_FLAGS.test(w));
  if (bad) return `a check may not use ${bad.split('=')[0]}`;
  if (READ_ONLY.has(verb)) return undefined;
  const sub = READ_ONLY_SUB[verb];
  if (sub?.has(verbs[1] ?? '')) return undefined;
  return `a check only reads the cluster: "kubectl ${verb}${sub ? ` ${verbs[1] ?? ''}`.trimEnd() : ''}" is not allowed (use get, describe, logs, events, top, explain, auth can-i, rollout history)`;
}
