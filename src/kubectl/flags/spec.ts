/**
 * Flag definitions. Every command's flags are read from the Options section of its captured
 * `--help` text, so what a command accepts is exactly what its help lists; the few facts help
 * text cannot show (which list flags split on commas, which string flags may stand alone) are
 * tables here.
 */

export type FlagKind = 'bool' | 'string' | 'int' | 'duration' | 'array' | 'slice' | 'map';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** The default as help prints it, unquoted (`''` → ``, `[]` → ``). */
  defaultText: string;
  /** The value a flag given without `=value` takes (bool flags: `true`). */
  noOptDefVal?: string;
}

/** List flags that are string slices (values split on commas) rather than string arrays. */
const SLICE_FLAGS = new Set([
  'filename',
  'label-columns',
  'image',
  'from-file',
  'from-env-file',
  'verb',
  'resource',
  'resource-name',
  'non-resource-url',
  'verbs',
  'types',
  'keys',
  'prune-allowlist',
]);

/** String flags that may be given bare: `--dry-run` means `--dry-run=unchanged`. */
const NO_OPT_DEFAULTS: Record<string, string> = {
  'dry-run': 'unchanged',
  cascade: 'background',
  validate: 'strict',
};

const OPTION_LINE = /^ {4}(?:-(\w), )?--([\w-]+)=(.*):$/;

/** Read the flags listed in a help text's `Options:` section (or the whole `kubectl options` text). */
export function specsFromHelp(help: string): FlagSpec[] {
  const specs: FlagSpec[] = [];
  for (const line of help.split('\n')) {
    const m = OPTION_LINE.exec(line);
    if (!m) continue;
    const [, short, name, raw] = m;
    specs.push(specFor(name, short, raw));
  }
  return specs;
}

function specFor(name: string, short: string | undefined, raw: string): FlagSpec {
  let kind: FlagKind;
  let defaultText = raw;
  if (raw === 'true' || raw === 'false') kind = 'bool';
  else if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) {
    kind = 'string';
    defaultText = raw.slice(1, -1);
  } else if (raw.startsWith('[') && raw.endsWith(']')) {
    kind = SLICE_FLAGS.has(name) ? 'slice' : 'array';
    defaultText = raw.slice(1, -1);
  } else if (/^-?\d+$/.test(raw)) kind = 'int';
  else if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(raw)) kind = 'duration';
  else if (raw === '') kind = name === 'aggregation-rule' ? 'map' : 'string';
  else kind = 'string';
  const spec: FlagSpec = { name, kind, defaultText };
  if (short) spec.short = short;
  if (kind === 'bool') spec.noOptDefVal = 'true';
  else if (NO_OPT_DEFAULTS[name] !== undefined) spec.noOptDefVal = NO_OPT_DEFAULTS[name];
  return spec;
}

/** `-r, --replicas` or `--image`, as pflag names a flag in its errors. */
export function flagTitle(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

/** Every command also has `-h, --help`. */
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', kind: 'bool', defaultText: 'false', noOptDefVal: 'true' };
