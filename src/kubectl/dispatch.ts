import type { UserInfo } from '../engine/apiserver/types';
import { FlagError, Flags } from './args';
import { asUser } from './client';
import type { Command, Ctx, Output } from './command';
import type { KubectlEnv } from './env';
import { CmdError, fatal } from './errors';
import { type FlagSpec, HELP_FLAG, specsFromHelp } from './flags/spec';
import { help as globalOptions } from './help/options';
import { suggestionsFor } from './suggest';
import { WarningPrinter } from './warnings';

const GLOBAL_FLAGS = specsFromHelp(globalOptions);
const flagCache = new WeakMap<Command, FlagSpec[]>();

/** A command's own flags (from its help), then -h, then the global ones. */
export function flagSpecsFor(cmd: Command): FlagSpec[] {
  let specs = flagCache.get(cmd);
  if (!specs) {
    specs = [...specsFromHelp(cmd.help), ...(cmd.extraFlags ?? []), HELP_FLAG, ...GLOBAL_FLAGS];
    flagCache.set(cmd, specs);
  }
  return specs;
}

/** The names a command answers to: its name and the `Aliases:` its help lists. */
export function namesOf(cmd: Command): string[] {
  const m = /\nAliases:\n(.*)\n/.exec(`\n${cmd.help}`);
  const aliases = m ? m[1].split(',').map((s) => s.trim()) : [];
  return [cmd.name, ...aliases.filter((a) => a !== cmd.name)];
}

/**
 * cobra's stripFlags: the words of argv that are not flags or flag values. A `--flag` without
 * `=` is taken to consume the next word unless it is known to stand alone (as cobra does, an
 * unknown one too).
 */
function nonFlagWords(argv: readonly string[], flags: Flags): string[] {
  const words: string[] = [];
  const rest = [...argv];
  while (rest.length) {
    const s = rest.shift() as string;
    if (s === '--') break;
    if (s.startsWith('--') && !s.includes('=')) {
      if (flags.spec(s.slice(2))?.noOptDefVal !== undefined) continue;
      if (rest.length <= 1) break;
      rest.shift();
    } else if (s.startsWith('-') && !s.includes('=') && s.length === 2) {
      if (flags.specByShort(s[1])?.noOptDefVal !== undefined) continue;
      if (rest.length <= 1) break;
      rest.shift();
    } else if (s !== '' && !s.startsWith('-')) words.push(s);
  }
  return words;
}

export interface Found {
  cmd: Command;
  /** Names from the root: ['kubectl', 'rollout', 'status']. */
  path: string[];
  argv: string[];
}

/** Walk argv down the command tree as cobra's Find does. */
export function findCommand(root: Command, argv: readonly string[]): Found {
  let cmd = root;
  const path = ['kubectl'];
  let args = [...argv];
  for (;;) {
    const words = nonFlagWords(args, new Flags(flagSpecsFor(cmd)));
    const next = words.length ? cmd.subcommands?.find((s) => namesOf(s).includes(words[0])) : undefined;
    if (!next) return { cmd, path, argv: args };
    const i = args.indexOf(words[0]);
    args = [...args.slice(0, i), ...args.slice(i + 1)];
    cmd = next;
    path.push(next.name);
  }
}

/** Run argv against the command tree; every outcome ends up in `io` or as a thrown error. */
export async function dispatch(root: Command, argv: readonly string[], env: KubectlEnv, io: Output): Promise<void> {
  const found = findCommand(root, argv);
  const { cmd, path } = found;
  const commandPath = path.join(' ');
  if (cmd === root) {
    const words = nonFlagWords(found.argv, new Flags(flagSpecsFor(root)));
    if (words.length) {
      if (words[0] === 'help') return helpCommand(root, found.argv, io);
      if (found.argv[0]?.startsWith('-')) {
        throw new CmdError(`Error: flags cannot be placed before plugin name: ${found.argv[0]}`);
      }
      throw unknownCommand(root, words[0]);
    }
  }
  const flags = new Flags(flagSpecsFor(cmd));
  try {
    flags.parse(found.argv);
  } catch (e) {
    if (e instanceof FlagError) throw fatal(`${e.message}\nSee '${commandPath} --help' for usage.`);
    throw e;
  }
  if (flags.bool('help')) {
    io.out(cmd.help);
    return;
  }
  if (!cmd.run) {
    if (cmd === root) {
      io.out(cmd.help);
      return;
    }
    if (flags.args.length) throw fatal(`unknown command "${flags.args[0]}"\nSee '${commandPath} -h' for help and examples`);
    if (cmd.helpOnStdout) io.out(cmd.help);
    else io.err(cmd.help);
    throw new CmdError('');
  }
  const missing = (cmd.required ?? []).filter((name) => !flags.changed(name));
  if (missing.length) throw fatal(`required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`);
  const warnings = new WarningPrinter(io);
  const ctx = makeContext(env, flags, commandPath, io, warnings);
  await cmd.run(ctx);
  warnings.finish(flags.bool('warnings-as-errors'));
}

function unknownCommand(root: Command, word: string): CmdError {
  const names = (root.subcommands ?? []).map((c) => c.name);
  const suggestions = suggestionsFor(word, names);
  let text = `error: unknown command "${word}" for "kubectl"`;
  if (suggestions.length) text += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}`;
  return new CmdError(text);
}

/** `kubectl help [command]`. */
function helpCommand(root: Command, argv: string[], io: Output): void {
  const rest = [...argv];
  rest.splice(rest.indexOf('help'), 1);
  const words = rest.filter((a) => !a.startsWith('-'));
  if (!words.length) {
    io.out(root.help);
    return;
  }
  const found = findCommand(root, words);
  if (found.cmd === root || found.argv.length) {
    const usage = root.help.slice(root.help.indexOf('Basic Commands'));
    io.err(`Unknown help topic [\`${words.join(' ')}\`]\n\n\n${usage}`);
    return;
  }
  io.out(found.cmd.help);
}

function makeContext(env: KubectlEnv, flags: Flags, path: string, io: Output, warnings: WarningPrinter): Ctx {
  const contextName = flags.string('context') || env.config['current-context'];
  const context = env.config.contexts.find((c) => c.name === contextName);
  if (!context && flags.string('context')) {
    throw new CmdError(`Error in configuration: context was not found for specified context: ${contextName}`);
  }
  const explicitNamespace = flags.changed('namespace') && flags.string('namespace') !== '';
  const namespace = explicitNamespace ? flags.string('namespace') : context?.context.namespace || 'default';
  const cluster = env.cluster;
  const user = impersonated(flags);
  return {
    env,
    cluster,
    api: asUser(cluster.api, user, (w) => warnings.print(w)),
    flags,
    args: flags.args,
    path,
    io,
    namespace,
    explicitNamespace,
    user,
    now: () => cluster.clock.now(),
  };
}

/** The user a request runs as: kind's admin, or whom `--as`/`--as-group` name (as the API server's impersonation fills groups). */
function impersonated(flags: Flags): UserInfo {
  const as = flags.string('as');
  if (!as) return { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
  const groups = [...flags.strings('as-group')];
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
  if (sa && !groups.length) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  if (as !== 'system:anonymous' && !groups.includes('system:authenticated')) groups.push('system:authenticated');
  return { username: as, groups };
}
