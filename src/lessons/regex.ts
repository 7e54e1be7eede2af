/**
 * Whether a regular expression from a lesson could take exponential time (catastrophic
 * backtracking), so that a hostile pack cannot freeze the sandbox with one `matches`. The test is
 * the usual conservative one: a group that contains a quantifier and is itself repeated without a
 * small fixed count, like `(a+)+`, `(\w*x?)*` or `(a+){2,}`, is refused. Lessons never need one:
 * `(pod/\S+\n){2}` (a fixed count) is fine, and "two or more" is `^x\nx` without an end anchor.
 */
export function nestedQuantifier(pattern: string): boolean {
  // For each open group: did it contain a quantifier?
  const stack: boolean[] = [];
  let inClass = false;
  let lastGroupHadQuantifier = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      lastGroupHadQuantifier = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      lastGroupHadQuantifier = false;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      continue;
    }
    if (c === ')') {
      lastGroupHadQuantifier = stack.pop() ?? false;
      // A group's quantifiers count for the group around it too.
      if (lastGroupHadQuantifier && stack.length) stack[stack.length - 1] = true;
      continue;
    }
    const counted = c === '{' ? /^\{(\d+)(,\d*)?\}/.exec(pattern.slice(i)) : null;
    if (c === '*' || c === '+' || counted) {
      // A small exact count ({2}) repeats a group a fixed number of times: polynomial, harmless.
      const unbounded = !counted || counted[2] !== undefined || Number(counted[1]) > 10;
      if (unbounded && lastGroupHadQuantifier && pattern[i - 1] === ')') return true;
      if (stack.length) stack[stack.length - 1] = true;
      continue;
    }
    if (c !== '?') lastGroupHadQuantifier = false;
  }
  return false;
}
