import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runScenario } from '../scenario/run';
import { parseScenario, ScenarioFormatError } from '../scenario/parse';
import { Session } from '../scenario/session';
import { transcript } from '../scenario/transcript';
import { diskFiles, expandScenarioArgs } from './files';
import { LESSON_USAGE, lessonCommand } from './lesson';
import { loadState, saveState } from './state';

const USAGE = `Usage:
  sandbox scenario FILE.yaml|FOLDER [...] [--json]   run scenarios (exit 0 all passed, 1 a step failed, 2 a file is invalid)
  sandbox kubectl ARGS... [--state FILE]              run one kubectl command (with --state, continue a saved cluster)
  sandbox sim ARGS... [--state FILE]                  run one simulation command (sim help lists them)
${LESSON_USAGE}`;

/** Take `--state FILE` / `--state=FILE` out of the arguments. */
function takeState(args: string[]): [string | undefined, string[]] {
  const rest: string[] = [];
  let state: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (args[i] === '--state') state = args[++i];
    else if (args[i].startsWith('--state=')) state = args[i].slice('--state='.length);
    else rest.push(args[i]);
  }
  return [state, rest];
}

async function scenarioCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const files = expandScenarioArgs(args.filter((a) => a !== '--json'));
  if (!files.length) {
    process.stderr.write(`error: no scenario files given\n${USAGE}\n`);
    return 2;
  }
  let invalid = false;
  let failed = false;
  for (const file of files) {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      invalid = true;
      const message = `${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
      process.stdout.write(json ? `${JSON.stringify({ file, passed: false, error: message, steps: [] })}\n` : `${message}\n`);
      continue;
    }
    let scenario: ReturnType<typeof parseScenario>;
    try {
      scenario = parseScenario(source, file);
    } catch (e) {
      if (!(e instanceof ScenarioFormatError)) throw e;
      invalid = true;
      process.stdout.write(json ? `${JSON.stringify({ file, passed: false, error: e.message, steps: [] })}\n` : `invalid scenario: ${e.message}\n`);
      continue;
    }
    const result = await runScenario(scenario, { files: diskFiles(dirname(file)) });
    if (!result.passed) failed = true;
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${transcript(scenario, result)}\n\n`);
  }
  if (!json) {
    process.stdout.write(invalid ? 'Some files are not valid scenarios.\n' : failed ? 'Some scenarios failed.\n' : `All ${files.length} scenario(s) passed.\n`);
  }
  return invalid ? 2 : failed ? 1 : 0;
}

async function oneOff(kind: 'kubectl' | 'sim', args: string[]): Promise<number> {
  const [stateFile, rest] = takeState(args);
  const { cluster, kubeconfig } = loadState(stateFile);
  const session = new Session(cluster, { files: diskFiles(process.cwd(), true), config: kubeconfig });
  let stdin: string | undefined;
  if (kind === 'kubectl' && rest.some((a, i) => a === '-' && ['-f', '--filename'].includes(rest[i - 1] ?? '') || a === '--filename=-' || a === '-f-')) {
    stdin = readFileSync(0, 'utf8');
  }
  const out = kind === 'kubectl' ? await session.kubectl(rest, stdin) : session.sim(rest);
  if (out.stdout) process.stdout.write(out.stdout.endsWith('\n') ? out.stdout : `${out.stdout}\n`);
  if (out.stderr) process.stderr.write(out.stderr.endsWith('\n') ? out.stderr : `${out.stderr}\n`);
  if (stateFile) saveState(stateFile, cluster, session.config);
  return out.exitCode;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scenario':
      return scenarioCommand(rest);
    case 'kubectl':
      return oneOff('kubectl', rest);
    case 'sim':
      return oneOff('sim', rest);
    case 'lesson':
      return lessonCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    default:
      process.stderr.write(`error: unknown command "${command}"\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
