import { describe, expect, it } from 'vitest';
import { FlagError, Flags, splitCsv } from './args';
import { specsFromHelp } from './flags/spec';
import { formatGoDuration, parseGoDuration } from './flags/goparse';
import { help as getHelp } from './help/get';
import { help as globalOptions } from './help/options';

const flags = () => new Flags([...specsFromHelp(getHelp), ...specsFromHelp(globalOptions)]);

describe('flag definitions read from help text', () => {
  it.each([
    ['all-namespaces', 'bool', 'A'],
    ['output', 'string', 'o'],
    ['label-columns', 'slice', 'L'],
    ['chunk-size', 'int', undefined],
    ['filename', 'slice', 'f'],
    ['namespace', 'string', 'n'],
    ['v', 'int', 'v'],
    ['log-flush-frequency', 'duration', undefined],
  ])('--%s is a %s flag', (name, kind, short) => {
    const spec = flags().spec(name);
    expect(spec?.kind).toBe(kind);
    expect(spec?.short).toBe(short);
  });
});

describe('pflag parsing', () => {
  it.each<[string[], Record<string, unknown>, string[]]>([
    [['pods', '-n', 'kube-system'], { namespace: 'kube-system' }, ['pods']],
    [['-nkube-system', 'pods'], { namespace: 'kube-system' }, ['pods']],
    [['-n=kube-system', 'pods'], { namespace: 'kube-system' }, ['pods']],
    [['--namespace=x', 'pods'], { namespace: 'x' }, ['pods']],
    [['pods', '-Ao', 'name'], { 'all-namespaces': true, output: 'name' }, ['pods']],
    [['pods', '-oname'], { output: 'name' }, ['pods']],
    [['pods', '-L', 'a,b', '-L', 'c'], { 'label-columns': ['a', 'b', 'c'] }, ['pods']],
    [['pods', '--all-namespaces=false'], { 'all-namespaces': false }, ['pods']],
    [['pods', '--', '-n', 'x'], { namespace: '' }, ['pods', '-n', 'x']],
    [['pods', '--all_namespaces'], { 'all-namespaces': true }, ['pods']],
  ])('%j', (argv, values, args) => {
    const f = flags().parse(argv);
    for (const [k, v] of Object.entries(values)) {
      const spec = f.spec(k);
      const got = spec?.kind === 'bool' ? f.bool(k) : spec?.kind === 'slice' ? f.strings(k) : f.string(k);
      expect(got).toEqual(v);
    }
    expect(f.args).toEqual(args);
  });

  it('records where -- was', () => {
    expect(flags().parse(['a', '--', 'b']).argsLenAtDash).toBe(1);
    expect(flags().parse(['a', 'b']).argsLenAtDash).toBe(-1);
  });

  // Messages as the real kubectl v1.32 prints them after `error: `.
  it.each([
    [['--foo'], 'unknown flag: --foo'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['-Az'], "unknown shorthand flag: 'z' in -z"],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [['--namespace'], 'flag needs an argument: --namespace'],
    [['-A=foo'], 'invalid argument "foo" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "foo": invalid syntax'],
    [['--v=abc'], 'invalid argument "abc" for "-v, --v" flag: strconv.ParseInt: parsing "abc": invalid syntax'],
    [['---x'], 'bad flag syntax: ---x'],
  ])('%j fails with %s', (argv, message) => {
    expect(() => flags().parse(argv)).toThrow(new FlagError(message));
  });
});

describe('Go value syntax', () => {
  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['0', 0],
    ['1.5h', 5_400_000],
    ['500ms', 500],
  ])('duration %s', (text, ms) => expect(parseGoDuration(text)).toBe(ms));

  it.each([
    ['30', 'time: missing unit in duration "30"'],
    ['abc', 'time: invalid duration "abc"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'],
  ])('duration %s is refused', (text, message) => expect(() => parseGoDuration(text)).toThrow(message));

  it.each([
    [30_000, '30s'],
    [300_000, '5m0s'],
    [90_000, '1m30s'],
    [7_200_000, '2h0m0s'],
    [0, '0s'],
  ])('formats %d ms as %s', (ms, text) => expect(formatGoDuration(ms)).toBe(text));

  it('splits string slices as CSV', () => {
    expect(splitCsv('a,b,"c,d"')).toEqual(['a', 'b', 'c,d']);
  });
});
