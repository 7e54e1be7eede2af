import { FILTERS } from './filters';

/** Commands the terminal's shell knows besides kubectl, k and sim (for completing a first word). */
export const SHELL_COMMANDS: readonly string[] = [...Object.keys(FILTERS), 'cat', 'curl', 'export', 'ls', 'sleep', 'unset', 'xargs'].sort();

/**
 * The command being typed at the end of a line: the text after the last `|`, `;`, `&&`, `||`,
 * `$(` or backtick outside quotes, so Tab completes `kubectl get pods | grep R` as `grep R` and
 * `POD=$(kubectl get po` as `kubectl get po`. Leading `VAR=value` words and `xargs` are skipped.
 */
export function commandAtEnd(line: string): string {
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '|' || c === ';' || c === '`' || c === '\n') start = i + 1;
    else if (c === '&' && line[i + 1] === '&') start = ++i + 1;
    else if (c === '$' && line[i + 1] === '(') start = ++i + 1;
    else if (c === ')') start = i + 1;
  }
  let rest = line.slice(start).replace(/^\s+/, '');
  for (;;) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*=\S*\s+|xargs(\s+-[nI]\s*\S+|\s+-\S+)*\s+)/.exec(rest);
    if (!m) break;
    rest = rest.slice(m[0].length);
  }
  return rest;
}
