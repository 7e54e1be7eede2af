import { describe, expect, it } from 'vitest';
import type { Outcome } from '../expect';
import { type CommandContext, Shell } from './shell';

/** A stand-in `kubectl` that records its calls and prints fixed text per command line. */
function fixture() {
  const calls: { words: string[]; stdin?: string }[] = [];
  const outputs: Record<string, Outcome> = {
    'kubectl get pods': {
      stdout:
        'NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          5m\nweb-2   0/1     Pending   0          5m\ndb-0    1/1     Running   2          9m\n',
      stderr: '',
      exitCode: 0,
    },
    'kubectl get pods --no-headers': {
      stdout: 'web-1   1/1     Running   0          5m\nweb-2   0/1     Pending   0          5m\ndb-0    1/1     Running   2          9m\n',
      stderr: '',
      exitCode: 0,
    },
    'kubectl get secret s -o jsonpath={.data.password}': {
      stdout: 'czNjcjN0',
      stderr: '',
      exitCode: 0,
    },
    'kubectl get pods -l app=web -o jsonpath={.items[0].metadata.name}': {
      stdout: 'web-1',
      stderr: '',
      exitCode: 0,
    },
    'kubectl get pods -o name': {
      stdout: 'pod/web-1\npod/web-2\n',
      stderr: '',
      exitCode: 0,
    },
    'kubectl get nope': {
      stdout: '',
      stderr: 'error: the server doesn\'t have a resource type "nope"\n',
      exitCode: 1,
    },
  };
  const files = new Map<string, string>();
  const shell = new Shell({
    commands: {
      kubectl: (words: string[], ctx: CommandContext) => {
        calls.push({ words, stdin: ctx.stdin });
        const out = outputs[words.join(' ')] ?? {
          stdout: `ran: ${words.slice(1).join('|')}\n`,
          stderr: '',
          exitCode: 0,
        };
        if (ctx.onOutput) {
          if (out.stdout) ctx.onOutput('stdout', out.stdout);
          if (out.stderr) ctx.onOutput('stderr', out.stderr);
        }
        return out;
      },
    },
    files: {
      read: (p) => files.get(p),
      write: (p, text) => {
        files.set(p, text);
        return undefined;
      },
      list: (p) => (p === '.' ? [...files.keys()] : undefined),
    },
    vars: { HOME: '/home/learner' },
  });
  return { shell, calls, files };
}

describe('Shell: the documented one-liners', () => {
  it.each([
    ["kubectl get secret s -o jsonpath='{.data.password}' | base64 -d", 's3cr3t'],
    ["POD=$(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'); kubectl logs $POD", 'ran: logs|web-1\n'],
    ['kubectl get pods --no-headers | wc -l', '3\n'],
    ['kubectl get pods | grep Running', 'web-1   1/1     Running   0          5m\ndb-0    1/1     Running   2          9m\n'],
    ['kubectl get pods | grep -v Running', 'NAME    READY   STATUS    RESTARTS   AGE\nweb-2   0/1     Pending   0          5m\n'],
    ['kubectl get pods | grep -c running', '0\n'],
    ['kubectl get pods | grep -ic running', '2\n'],
    ["kubectl get pods | grep -E 'web-1|db'", 'web-1   1/1     Running   0          5m\ndb-0    1/1     Running   2          9m\n'],
    ["kubectl get pods | grep 'web-1\\|db'", 'web-1   1/1     Running   0          5m\ndb-0    1/1     Running   2          9m\n'],
    ['kubectl get pods | grep -w web', 'web-1   1/1     Running   0          5m\nweb-2   0/1     Pending   0          5m\n'],
    ['kubectl get pods | grep -w we', ''],
    ["kubectl get pods | awk '{print $1}'", 'NAME\nweb-1\nweb-2\ndb-0\n'],
    ["kubectl get pods | awk 'NR>1 {print $1, $3}'", 'web-1 Running\nweb-2 Pending\ndb-0 Running\n'],
    ['kubectl get pods | awk \'$3 == "Running" {print $1}\'', 'web-1\ndb-0\n'],
    ["kubectl get pods | awk '{print NF}' | uniq", '5\n'],
    ["kubectl get pods | awk '/db/ {print $NF}'", '9m\n'],
    ['kubectl get pods | head -n 2', 'NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          5m\n'],
    ['kubectl get pods | head -1', 'NAME    READY   STATUS    RESTARTS   AGE\n'],
    ['kubectl get pods | tail -n 1', 'db-0    1/1     Running   2          9m\n'],
    ['kubectl get pods | tail -n +2 | wc -l', '3\n'],
    ['kubectl get pods --no-headers | sort -k4 -n -r | head -1', 'db-0    1/1     Running   2          9m\n'],
    [
      'kubectl get pods --no-headers | sort',
      'db-0    1/1     Running   2          9m\nweb-1   1/1     Running   0          5m\nweb-2   0/1     Pending   0          5m\n',
    ],
    ["kubectl get pods --no-headers | awk '{print $3}' | sort | uniq -c", '      1 Pending\n      2 Running\n'],
    ['kubectl get pods -o name | cut -d/ -f2', 'web-1\nweb-2\n'],
    ["kubectl get pods -o name | cut -d '/' -f 2 | tr 'a-z' 'A-Z'", 'WEB-1\nWEB-2\n'],
    ['kubectl get pods -o name | xargs kubectl delete', 'ran: delete|pod/web-1|pod/web-2\n'],
    ['kubectl get pods -o name | xargs -n 1 kubectl delete', 'ran: delete|pod/web-1\nran: delete|pod/web-2\n'],
    ['kubectl get pods -o name | xargs -I {} kubectl describe {}', 'ran: describe|pod/web-1\nran: describe|pod/web-2\n'],
    ['echo -n admin | base64', 'YWRtaW4=\n'],
    ['echo hello | base64', 'aGVsbG8K\n'],
    ['echo \'a  b\' "c  d" e', 'a  b c  d e\n'],
    ['echo one \\\n  two', 'one two\n'],
    ['kubectl get \\\n  pods -o name | wc -l', '2\n'],
    ['echo a; echo b', 'a\nb\n'],
    ['true && echo yes || echo no', 'yes\n'],
    ['false && echo yes || echo no', 'no\n'],
    ['kubectl get nope || echo failed', 'failed\n'],
    ['echo "$(echo nested $(echo deep))"', 'nested deep\n'],
    ['echo `echo old style`', 'old style\n'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash syntax, not a template
    ['echo ${UNSET:-fallback} $HOME', 'fallback /home/learner\n'],
    ['echo \'$HOME\' "$HOME" \\$HOME', '$HOME /home/learner $HOME\n'],
    ['echo a b c | wc -w', '3\n'],
    ['echo abc | tr -d b', 'ac\n'],
    ['echo "a   b" | tr -s " "', 'a b\n'],
    ['echo x # a comment', 'x\n'],
  ])('%s', async (line, stdout) => {
    const { shell } = fixture();
    const out = await shell.run(line);
    expect(out.stdout).toBe(stdout);
  });
});

describe('Shell: variables and state', () => {
  it('keeps variables between lines, with export and plain assignment', async () => {
    const { shell, calls } = fixture();
    await shell.run('export NS=kube-system');
    await shell.run('APP=web');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash syntax, not a template
    await shell.run('kubectl get pods -n $NS -l app=${APP}');
    expect(calls[0].words).toEqual(['kubectl', 'get', 'pods', '-n', 'kube-system', '-l', 'app=web']);
  });

  it('splits an unquoted expansion into words and keeps a quoted one whole', async () => {
    const { shell, calls } = fixture();
    await shell.run('ARGS="get pods"; kubectl $ARGS; kubectl "$ARGS"');
    expect(calls.map((c) => c.words)).toEqual([
      ['kubectl', 'get', 'pods'],
      ['kubectl', 'get pods'],
    ]);
  });

  it('an empty unquoted variable is no word, an empty quoted one is', async () => {
    const { shell, calls } = fixture();
    await shell.run('kubectl get $NOTHING pods "$NOTHING"');
    expect(calls[0].words).toEqual(['kubectl', 'get', 'pods', '']);
  });

  it('$? is the last exit code, and an assignment carries its substitution’s', async () => {
    const { shell } = fixture();
    expect((await shell.run('X=$(false); echo $?')).stdout).toBe('1\n');
    expect((await shell.run('kubectl get nope; echo $?')).stdout).toBe('1\n');
  });

  it('a command substitution’s errors reach the terminal', async () => {
    const { shell } = fixture();
    const out = await shell.run('X=$(kubectl get nope)');
    expect(out.stderr).toBe('error: the server doesn\'t have a resource type "nope"\n');
    expect(out.exitCode).toBe(1);
  });
});

describe('Shell: errors as bash reports them', () => {
  it.each([
    ['foo bar', 'bash: foo: command not found\n', 127],
    ["echo 'open", "bash: unexpected EOF while looking for matching `''\n", 2],
    ['echo a |', "bash: syntax error near unexpected token `newline'\n", 2],
    ['| grep x', "bash: syntax error near unexpected token `|'\n", 2],
    ['echo a && && echo b', "bash: syntax error near unexpected token `&&'\n", 2],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash syntax, not a template
    ['echo ${a b}', 'bash: ${a b}: bad substitution\n', 2],
    ['echo x | grep', "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2],
    ['echo !! | base64 -d', 'base64: invalid input\n', 1],
  ])('%s', async (line, stderr, exitCode) => {
    const { shell } = fixture();
    const out = await shell.run(line);
    expect(out.stderr).toBe(stderr);
    expect(out.exitCode).toBe(exitCode);
  });

  it('grep that matches nothing exits 1, and the pipeline with it', async () => {
    const { shell } = fixture();
    expect((await shell.run('kubectl get pods | grep nothing')).exitCode).toBe(1);
  });

  it('the pipeline’s errors from earlier commands are kept', async () => {
    const { shell } = fixture();
    const out = await shell.run('kubectl get nope | wc -l');
    expect(out).toEqual({
      stdout: '0\n',
      stderr: 'error: the server doesn\'t have a resource type "nope"\n',
      exitCode: 0,
    });
  });
});

describe('Shell: redirections and files', () => {
  it('writes, appends and reads the home folder', async () => {
    const { shell, files, calls } = fixture();
    await shell.run('kubectl get pods -o name > pods.txt');
    await shell.run('echo more >> pods.txt');
    expect(files.get('pods.txt')).toBe('pod/web-1\npod/web-2\nmore\n');
    expect((await shell.run('cat pods.txt | wc -l')).stdout).toBe('3\n');
    await shell.run('kubectl apply -f - < pods.txt');
    expect(calls[1].stdin).toBe('pod/web-1\npod/web-2\nmore\n');
    expect((await shell.run('ls')).stdout).toBe('pods.txt\n');
  });

  it('2>/dev/null drops errors and 2>&1 folds them into the pipe', async () => {
    const { shell } = fixture();
    expect(await shell.run('kubectl get nope 2>/dev/null')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 1,
    });
    expect((await shell.run('kubectl get nope 2>&1 | grep -c server')).stdout).toBe('1\n');
  });

  it('cat of a missing file', async () => {
    const { shell } = fixture();
    expect(await shell.run('cat nope.yaml')).toEqual({
      stdout: '',
      stderr: 'cat: nope.yaml: No such file or directory\n',
      exitCode: 1,
    });
  });
});

describe('Shell: here-documents and printf', () => {
  it('feeds a here-document to the command, expanding variables unless the delimiter is quoted', async () => {
    const { shell, calls } = fixture();
    await shell.run('NAME=web\nkubectl apply -f - <<EOF\nkind: ConfigMap\nname: $NAME\nEOF\necho after');
    expect(calls[0]).toEqual({ words: ['kubectl', 'apply', '-f', '-'], stdin: 'kind: ConfigMap\nname: web\n' });
    await shell.run("cat <<'EOF' | kubectl apply -f -\nname: $NAME\nEOF");
    expect(calls[1].stdin).toBe('name: $NAME\n');
    expect((await shell.run('cat <<-END\n\tindented\n\tEND')).stdout).toBe('indented\n');
  });

  it('the line after the here-document still runs', async () => {
    const { shell } = fixture();
    expect((await shell.run('cat <<EOF\nbody\nEOF\necho after')).stdout).toBe('body\nafter\n');
  });

  it.each([
    ["printf '%s\\n' a b", 'a\nb\n'],
    ["printf '%-6s|%3d\\n' ab 7", 'ab    |  7\n'],
    ["printf 'no newline'", 'no newline'],
    ["printf '100%%\\n'", '100%\n'],
  ])('%s', async (line, stdout) => {
    const { shell } = fixture();
    expect((await shell.run(line)).stdout).toBe(stdout);
  });
});

describe('Shell: live output', () => {
  it('streams the last command’s output as it comes and a filter’s when it ends, in order', async () => {
    const { shell } = fixture();
    const seen: string[] = [];
    await shell.run('echo start; kubectl get pods -o name; kubectl get nope | grep x; kubectl get pods -o name | wc -l', {
      onOutput: (stream, text) => seen.push(`${stream}:${text}`),
    });
    expect(seen).toEqual(['stdout:start\n', 'stdout:pod/web-1\npod/web-2\n', 'stderr:error: the server doesn\'t have a resource type "nope"\n', 'stdout:2\n']);
  });
});
