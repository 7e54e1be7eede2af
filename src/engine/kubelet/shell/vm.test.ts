import { describe, expect, it } from 'vitest';
import { newVm, runSync, runVm } from './vm';
import { testHost } from './testhost';

function run(script: string, opts: Parameters<typeof testHost>[0] = {}) {
  const { host } = testHost(opts);
  return runSync(script, { PATH: '/bin', HOME: '/root' }, host);
}

describe('sh subset', () => {
  it('runs echo, ; && || and exit codes', () => {
    expect(run('echo hello world').stdout).toBe('hello world\n');
    expect(run('echo a; echo b').stdout).toBe('a\nb\n');
    expect(run('false && echo no || echo yes').stdout).toBe('yes\n');
    expect(run('true && echo ok').stdout).toBe('ok\n');
    expect(run('exit 3').exitCode).toBe(3);
    expect(run('false').exitCode).toBe(1);
    expect(run('! false').exitCode).toBe(0);
  });

  it('expands variables, quotes, arithmetic and command substitution', () => {
    expect(run('X=1; echo "x is $X" \'$X\'').stdout).toBe('x is 1 $X\n');
    expect(run('i=0; i=$((i+1)); i=$(( $i * 10 )); echo $i').stdout).toBe('10\n');
    expect(run('echo "$(echo inner) $' + '{MISSING:-default}"').stdout).toBe('inner default\n');
    expect(run('echo $HOME').stdout).toBe('/root\n');
    expect(run('A="a  b"; for w in $A; do echo [$w]; done').stdout).toBe('[a]\n[b]\n');
  });

  it('has files: touch, cat, rm, test, redirection', () => {
    const { host, fs } = testHost();
    const r = runSync('touch /tmp/healthy; cat /tmp/healthy && echo there; echo hi > /tmp/x; echo more >> /tmp/x; cat /tmp/x', {}, host);
    expect(r.stdout).toBe('there\nhi\nmore\n');
    expect(fs.read('/tmp/x')).toBe('hi\nmore\n');
    const gone = runSync('rm -f /tmp/healthy; cat /tmp/healthy', {}, host);
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toBe("cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(runSync('[ -f /tmp/x ] && echo yes', {}, host).stdout).toBe('yes\n');
    expect(runSync('test -e /tmp/nope || echo no', {}, host).stdout).toBe('no\n');
  });

  it('uses GNU messages in Debian-based images', () => {
    const r = run('cat /tmp/healthy', { userland: 'gnu' });
    expect(r.stderr).toBe('cat: /tmp/healthy: No such file or directory\n');
    expect(run('nosuch', { userland: 'gnu' }).stderr).toBe('sh: 1: nosuch: not found\n');
    expect(run('nosuch').stderr).toBe('sh: nosuch: not found\n');
    expect(run('nosuch').exitCode).toBe(127);
  });

  it('loops: while, until, for, if/elif/else, case', () => {
    expect(run('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done').stdout).toBe('0\n1\n2\n');
    expect(run('i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i').stdout).toBe('2\n');
    expect(run('for i in 1 2 3; do echo n$i; done').stdout).toBe('n1\nn2\nn3\n');
    expect(run('for i in $(seq 1 3); do printf "%s," $i; done').stdout).toBe('1,2,3,');
    expect(run('if false; then echo a; elif true; then echo b; else echo c; fi').stdout).toBe('b\n');
    expect(run('case foo.txt in *.log) echo log;; *.txt) echo text;; esac').stdout).toBe('text\n');
  });

  it('pipes and redirects stderr', () => {
    expect(run('printf "a\\nb\\nc\\n" | grep b').stdout).toBe('b\n');
    expect(run('echo one two | wc -w').stdout).toBe('2\n');
    expect(run('cat /nope 2>&1').stdout).toBe("cat: can't open '/nope': No such file or directory\n");
    expect(run('cat /nope 2>/dev/null').stderr).toBe('');
  });

  it('sleeps on the simulated clock and resumes where it stopped', () => {
    const { host, state, fs } = testHost();
    const vm = newVm('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600', {});
    const start = state.now;
    let r = runVm(vm, host);
    expect(r).toEqual({ kind: 'sleep', until: start + 30_000 });
    expect(fs.stat('/tmp/healthy')).toBe('file');
    // The state survives JSON (a snapshot) unchanged.
    const copy = JSON.parse(JSON.stringify(vm));
    state.now = start + 30_000;
    r = runVm(copy, host);
    expect(r).toEqual({ kind: 'sleep', until: start + 630_000 });
    expect(fs.stat('/tmp/healthy')).toBeUndefined();
    state.now = start + 630_000;
    expect(runVm(copy, host)).toEqual({ kind: 'exit', code: 0 });
  });

  it('yields in a busy loop instead of hanging', () => {
    const { host, state } = testHost();
    const vm = newVm('while true; do echo x; done', {});
    const r = runVm(vm, host);
    expect(r.kind).toBe('sleep');
    expect(state.stdout.length).toBeGreaterThan(0);
  });

  it('execs into an image program', () => {
    const { host } = testHost({ programs: ['nginx'] });
    const vm = newVm(`echo start > /tmp/x && nginx -g 'daemon off;'`, {});
    expect(runVm(vm, host)).toEqual({
      kind: 'exec',
      argv: ['nginx', '-g', 'daemon off;'],
    });
  });

  it('reports syntax errors', () => {
    const r = run('if true; then echo');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^sh: syntax error/);
  });

  it('prints the date and env', () => {
    expect(run('date').stdout).toBe('Mon Jan  6 09:00:00 UTC 2025\n');
    expect(run('date +%Y-%m-%d').stdout).toBe('2025-01-06\n');
    expect(run('printenv HOME').stdout).toBe('/root\n');
    expect(run('env').stdout).toContain('PATH=/bin\n');
  });
});
