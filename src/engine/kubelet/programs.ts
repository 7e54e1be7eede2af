import { clfDate, slashDate } from './format';
import { ingressControllerPlan } from './ingress-controller';
import type { ImageSpec } from './images';
import type { HttpAnswer } from './shell/host';

/**
 * The programs images run, as behaviour data: what a process prints and when, which ports it
 * opens, how it answers HTTP, when it exits and how it takes SIGTERM. A plan is plain JSON and
 * is played on the simulated clock by the container runtime.
 */
export interface Listener {
  port: number;
  protocol: 'TCP' | 'UDP';
  /** How it answers HTTP on this port (a responder name), if it speaks HTTP. */
  http?: string;
}

export type PlanEvent =
  | { at: number; type: 'log'; stream: 'stdout' | 'stderr'; text: string }
  | { at: number; type: 'listen'; listener: Listener }
  | { at: number; type: 'exit'; code: number }
  /** The process allocates memory: `bytes` in use from then on. */
  | { at: number; type: 'alloc'; bytes: number }
  /** A CNI plugin has written its configuration on the node. */
  | { at: number; type: 'cni' };

export interface ProgramPlan {
  program: string;
  /** Events in time order, `at` ms after the process started. */
  events: PlanEvent[];
  /** What SIGTERM (or the image's stop signal) does: exit after a while, or nothing (PID 1 without a handler). */
  onTerm: { afterMs: number; code: number; logs?: string[] } | 'ignore';
  /** Extra detail some responders need (the pod name for `hostname` answers …). */
  data?: Record<string, string>;
}

export interface StartContext {
  image: ImageSpec;
  /** The resolved image's tag (versions in log lines). */
  tag: string;
  env: Record<string, string>;
  podName: string;
  podIP: string;
  /** The container's memory limit in bytes, if any (OOM decisions are the runtime's). */
  memoryLimit?: number;
  /** `stdin: true` (`kubectl run -i`, `kubectl debug -i`): a shell waits for input instead of reading end-of-file. */
  stdin?: boolean;
}

export type StartOutcome =
  | { kind: 'program'; plan: ProgramPlan }
  | { kind: 'shell'; script: string; args: string[]; shellName: string }
  /** The binary does not exist: the runtime fails to start the container (StartError). */
  | { kind: 'notfound'; binary: string };

const SHELLS = ['sh', 'ash', 'bash', 'dash'];

function base(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Kubernetes' command/args against the image's ENTRYPOINT/CMD. */
export function effectiveArgv(image: ImageSpec, command?: string[], args?: string[]): string[] {
  if (command?.length) return [...command, ...(args ?? [])];
  return [...(image.entrypoint ?? []), ...(args?.length ? args : (image.cmd ?? []))];
}

const log = (at: number, text: string, stream: 'stdout' | 'stderr' = 'stdout'): PlanEvent => ({ at, type: 'log', stream, text });
const listen = (at: number, port: number, http?: string, protocol: 'TCP' | 'UDP' = 'TCP'): PlanEvent => ({
  at,
  type: 'listen',
  listener: { port, protocol, http },
});

function flagValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}

/** Decide what starting `argv` in a container of `ctx.image` does. */
export function startProcess(argv: string[], ctx: StartContext): StartOutcome {
  if (!argv.length) return { kind: 'notfound', binary: '' };
  const name = base(argv[0]);
  const image = ctx.image;
  const hasShell = image.userland !== 'none';
  if (SHELLS.includes(name) && (hasShell || image.programs?.includes(name))) {
    const c = argv.indexOf('-c');
    if (c >= 0 && argv[c + 1] !== undefined)
      return {
        kind: 'shell',
        script: argv[c + 1],
        args: argv.slice(c + 2),
        shellName: name === 'ash' ? 'sh' : name,
      };
    if (argv[1] && !argv[1].startsWith('-')) {
      // `sh script.sh`: run the file's content, if the image has it.
      return {
        kind: 'shell',
        script: `. ${argv[1]}`,
        args: argv.slice(2),
        shellName: name,
      };
    }
    // A shell whose stdin stays open waits for what is typed into it (kubectl attach, debug -it).
    if (ctx.stdin) return { kind: 'shell', script: 'sleep 2147483647', args: [], shellName: name === 'ash' ? 'sh' : name };
    // An interactive shell with no terminal reads end-of-file and exits at once.
    return {
      kind: 'program',
      plan: {
        program: 'exit',
        events: [{ at: 5, type: 'exit', code: 0 }],
        onTerm: 'ignore',
      },
    };
  }
  const known = image.programs?.includes(name) || (hasShell && SHELL_TOOLS.has(name));
  if (!known) return { kind: 'notfound', binary: argv[0] };
  if (hasShell && SHELL_TOOLS.has(name) && !image.programs?.includes(name)) {
    return {
      kind: 'shell',
      script: argvScript(argv),
      args: [],
      shellName: 'sh',
    };
  }
  const plan = programPlan(name, argv.slice(1), ctx);
  if (plan) return { kind: 'program', plan };
  return {
    kind: 'program',
    plan: {
      program: 'exit',
      events: [{ at: 10, type: 'exit', code: 0 }],
      onTerm: 'ignore',
    },
  };
}

/** Commands a shell image can run directly as the container's process (`command: ["sleep", "3600"]`). */
const SHELL_TOOLS = new Set([
  'sleep',
  'echo',
  'cat',
  'true',
  'false',
  'env',
  'printenv',
  'touch',
  'ls',
  'date',
  'hostname',
  'tail',
  'printf',
  'seq',
  'yes',
  'wget',
  'nslookup',
  'test',
  'id',
  'whoami',
  'uname',
  'ps',
]);

function argvScript(argv: string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

const SIGTERM_143 = { afterMs: 5, code: 143 };

function nginxPlan(args: string[], ctx: StartContext, viaEntrypoint: boolean): ProgramPlan {
  const daemonOff = args.some((a) => /daemon\s+off/.test(a));
  const version = /^1\.\d+\.\d+$/.test(ctx.tag) ? ctx.tag : (ctx.image.env?.NGINX_VERSION ?? '1.27.3');
  const events: PlanEvent[] = [];
  if (viaEntrypoint) {
    events.push(
      log(20, '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'),
      log(20, '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'),
      log(21, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'),
      log(22, '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf'),
      log(23, '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'),
      log(24, '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'),
      log(25, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh'),
      log(27, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh'),
      log(28, '/docker-entrypoint.sh: Configuration complete; ready for start up'),
    );
  }
  if (!daemonOff) {
    // nginx's stock configuration daemonizes: the container's main process exits at once.
    events.push({ at: 40, type: 'exit', code: 0 });
    return { program: 'nginx', events, onTerm: 'ignore' };
  }
  events.push(
    log(35, '{date} [notice] 1#1: using the "epoll" event method', 'stderr'),
    log(35, `{date} [notice] 1#1: nginx/${version}`, 'stderr'),
    log(35, '{date} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)', 'stderr'),
    log(35, '{date} [notice] 1#1: OS: Linux 6.8.0-51-generic', 'stderr'),
    log(35, '{date} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576', 'stderr'),
    log(36, '{date} [notice] 1#1: start worker processes', 'stderr'),
    log(36, '{date} [notice] 1#1: start worker process 29', 'stderr'),
    log(36, '{date} [notice] 1#1: start worker process 30', 'stderr'),
    listen(36, 80, 'nginx'),
  );
  return {
    program: 'nginx',
    events,
    onTerm: {
      afterMs: 120,
      code: 0,
      logs: [
        '{date} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
        '{date} [notice] 29#29: gracefully shutting down',
        '{date} [notice] 29#29: exiting',
        '{date} [notice] 29#29: exit',
        '{date} [notice] 1#1: exit',
      ],
    },
  };
}

function dbPlan(program: 'postgres' | 'mysqld', ctx: StartContext): ProgramPlan {
  const env = ctx.env;
  if (program === 'postgres') {
    if (!env.POSTGRES_PASSWORD && env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
      const text = [
        'Error: Database is uninitialized and superuser password is not specified.',
        '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
        '',
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
        '       connections without a password. This is *not* recommended.',
        '',
        '       See PostgreSQL documentation about "trust":',
        '       https://www.postgresql.org/docs/current/auth-trust.html',
      ];
      return {
        program,
        events: [...text.map((t) => log(60, t, 'stderr')), { at: 70, type: 'exit', code: 1 }],
        onTerm: 'ignore',
      };
    }
    return {
      program,
      events: [
        log(100, 'The files belonging to this database system will be owned by user "postgres".'),
        log(120, 'Success. You can now start the database server using:'),
        log(
          2500,
          '{pgdate} [1] LOG:  starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit',
          'stderr',
        ),
        log(2510, '{pgdate} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432', 'stderr'),
        listen(2510, 5432),
        log(2530, '{pgdate} [1] LOG:  database system is ready to accept connections', 'stderr'),
      ],
      onTerm: {
        afterMs: 400,
        code: 0,
        logs: ['{pgdate} [1] LOG:  received fast shutdown request', '{pgdate} [1] LOG:  database system is shut down'],
      },
    };
  }
  if (!env.MYSQL_ROOT_PASSWORD && !env.MYSQL_ALLOW_EMPTY_PASSWORD && !env.MYSQL_RANDOM_ROOT_PASSWORD) {
    return {
      program,
      events: [
        log(50, '{mysqldate} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.'),
        log(300, '{mysqldate} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified', 'stderr'),
        log(300, '    You need to specify one of the following as an environment variable:', 'stderr'),
        log(300, '    - MYSQL_ROOT_PASSWORD', 'stderr'),
        log(300, '    - MYSQL_ALLOW_EMPTY_PASSWORD', 'stderr'),
        log(300, '    - MYSQL_RANDOM_ROOT_PASSWORD', 'stderr'),
        { at: 310, type: 'exit', code: 1 },
      ],
      onTerm: 'ignore',
    };
  }
  return {
    program,
    events: [
      log(50, '{mysqldate} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.'),
      log(400, '{mysqldate} [Note] [Entrypoint]: Initializing database files'),
      log(14_000, '{mysqldate} [Note] [Entrypoint]: MySQL init process done. Ready for start up.'),
      listen(15_000, 3306),
      listen(15_000, 33060),
      log(
        15_000,
        "{isodate} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.1.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
      ),
    ],
    onTerm: { afterMs: 1500, code: 0 },
  };
}

function piDigits(n: number): string {
  // Machin's formula with BigInt fixed point: pi = 16 atan(1/5) - 4 atan(1/239).
  const digits = BigInt(n + 10);
  const unity = 10n ** digits;
  const atanInv = (x: bigint) => {
    let sum = unity / x;
    let term = sum;
    const x2 = x * x;
    let k = 1n;
    let sign = -1n;
    while (term !== 0n) {
      term /= x2;
      sum += (sign * term) / (2n * k + 1n);
      sign = -sign;
      k++;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  const s = pi.toString();
  return `${s[0]}.${s.slice(1, n)}`;
}

function programPlan(name: string, args: string[], ctx: StartContext): ProgramPlan | undefined {
  const env = ctx.env;
  switch (name) {
    case 'docker-entrypoint.sh':
    case 'entrypoint.sh': {
      // The official images' entrypoints exec "$@", putting the image's program first when args start with a flag.
      const main = ctx.image.cmd?.[0] ?? '';
      const next = !args.length ? [main] : args[0].startsWith('-') ? [main, ...args] : args;
      if (name === 'docker-entrypoint.sh' && base(next[0]) === 'nginx') return nginxPlan(next.slice(1), ctx, true);
      const out = startProcess(next, ctx);
      return out.kind === 'program' ? out.plan : undefined;
    }
    case 'dumb-init': {
      // `dumb-init -- PROGRAM ARGS…`: a minimal init that runs PROGRAM as its child.
      const out = startProcess(args.slice(args.indexOf('--') + 1), ctx);
      return out.kind === 'program' ? out.plan : undefined;
    }
    case 'nginx-ingress-controller':
      return ingressControllerPlan();
    case 'nginx':
      return nginxPlan(args, ctx, false);
    case 'redis-server': {
      const port = Number(flagValue(args, '--port') ?? 6379);
      return {
        program: 'redis',
        events: [
          log(10, '1:C {redisdate} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
          log(10, `1:C {redisdate} * Redis version=${ctx.image.env?.REDIS_VERSION ?? '7.4.1'}, bits=64, commit=00000000, modified=0, pid=1, just started`),
          log(
            10,
            '1:C {redisdate} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
          ),
          log(12, '1:M {redisdate} * monotonic clock: POSIX clock_gettime'),
          log(13, `1:M {redisdate} * Running mode=standalone, port=${port}.`),
          log(14, '1:M {redisdate} * Server initialized'),
          listen(15, port),
          log(15, '1:M {redisdate} * Ready to accept connections tcp'),
        ],
        onTerm: {
          afterMs: 150,
          code: 0,
          logs: [
            '1:signal-handler ({epoch}) Received SIGTERM scheduling shutdown...',
            '1:M {redisdate} # User requested shutdown...',
            '1:M {redisdate} # Redis is now ready to exit, bye bye...',
          ],
        },
      };
    }
    case 'postgres':
      return dbPlan('postgres', ctx);
    case 'mysqld':
      return dbPlan('mysqld', ctx);
    case 'httpd-foreground':
    case 'httpd':
      return {
        program: 'httpd',
        events: [
          log(
            40,
            "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {podIP}. Set the 'ServerName' directive globally to suppress this message",
            'stderr',
          ),
          log(
            41,
            `[{httpddate}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${ctx.image.env?.HTTPD_VERSION ?? '2.4.62'} (Unix) configured -- resuming normal operations`,
            'stderr',
          ),
          log(41, "[{httpddate}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'", 'stderr'),
          listen(41, 80, 'httpd'),
        ],
        onTerm: {
          afterMs: 100,
          code: 0,
          logs: ['[{httpddate}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully'],
        },
      };
    case 'memcached':
      return {
        program: 'memcached',
        events: [listen(10, 11211)],
        onTerm: { afterMs: 20, code: 0 },
      };
    case 'apache2-foreground':
      return {
        program: 'php-apache',
        events: [listen(200, 80, 'php-apache')],
        onTerm: { afterMs: 100, code: 0 },
      };
    case 'coredns':
      return {
        program: 'coredns',
        events: [
          log(300, '.:53'),
          log(
            300,
            '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
          ),
          log(300, 'CoreDNS-1.11.3'),
          log(300, 'linux/amd64, go1.21.11, a6338e9'),
          listen(300, 53, undefined, 'UDP'),
          listen(300, 53),
          listen(300, 8080, 'coredns'),
          listen(300, 9153, 'metrics'),
          listen(1200, 8181, 'coredns'),
        ],
        onTerm: {
          afterMs: 5000,
          code: 0,
          logs: ['[INFO] SIGTERM: Shutting down servers then terminating', '[INFO] plugin/health: Going into lameduck mode for 5s'],
        },
      };
    case 'kube-proxy':
      return {
        program: 'kube-proxy',
        events: [
          log(50, 'I0106 {klogtime}       1 server_linux.go:66] "Using iptables proxy"', 'stderr'),
          log(200, 'I0106 {klogtime}       1 server.go:698] "Successfully retrieved node IP(s)" IPs=["{podIP}"]', 'stderr'),
          log(260, 'I0106 {klogtime}       1 server_linux.go:170] "Using iptables Proxier"', 'stderr'),
          listen(300, 10256, 'healthz'),
          listen(300, 10249, 'healthz'),
          log(320, 'I0106 {klogtime}       1 shared_informer.go:320] Caches are synced for service config', 'stderr'),
        ],
        onTerm: { afterMs: 100, code: 0 },
      };
    case 'kindnetd':
      return {
        program: 'kindnetd',
        events: [
          log(100, 'I0106 {klogtime}       1 main.go:109] connected to apiserver: https://10.96.0.1:443', 'stderr'),
          log(110, 'I0106 {klogtime}       1 main.go:139] hostIP = {podIP}', 'stderr'),
          log(110, 'podIP = {podIP}', 'stderr'),
          log(400, 'I0106 {klogtime}       1 main.go:148] setting mtu 1500 for CNI', 'stderr'),
          log(400, 'I0106 {klogtime}       1 main.go:178] kindnetd IP family: "ipv4"', 'stderr'),
          { at: 900, type: 'cni' },
          log(900, 'I0106 {klogtime}       1 main.go:297] Handling node with IPs: map[{podIP}:{}]', 'stderr'),
        ],
        onTerm: { afterMs: 50, code: 0 },
      };
    case 'local-path-provisioner':
      return {
        program: 'local-path-provisioner',
        events: [
          log(
            100,
            'time="{isodate}" level=debug msg="Applied config: {\\"nodePathMap\\":[{\\"node\\":\\"DEFAULT_PATH_FOR_NON_LISTED_NODES\\",\\"paths\\":[\\"/var/local-path-provisioner\\"]}]}"',
            'stderr',
          ),
          log(300, 'I0106 {klogtime}       1 controller.go:824] Starting provisioner controller rancher.io/local-path_{podName}!', 'stderr'),
        ],
        onTerm: { afterMs: 50, code: 0 },
      };
    case 'etcd':
      return {
        program: 'etcd',
        events: [
          log(50, '{"level":"info","ts":"{isodate}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":["etcd"]}', 'stderr'),
          listen(400, 2379),
          listen(400, 2380),
          listen(400, 2381, 'healthz'),
          log(420, '{"level":"info","ts":"{isodate}","caller":"embed/serve.go:103","msg":"ready to serve client requests"}', 'stderr'),
        ],
        onTerm: { afterMs: 100, code: 0 },
      };
    case 'kube-apiserver':
    case 'kube-controller-manager':
    case 'kube-scheduler': {
      const port = {
        'kube-apiserver': 6443,
        'kube-controller-manager': 10257,
        'kube-scheduler': 10259,
      }[name];
      return {
        program: name,
        events: [log(50, `I0106 {klogtime}       1 options.go:228] external host was not specified, using {podIP}`, 'stderr'), listen(800, port, 'healthz')],
        onTerm: { afterMs: 200, code: 0 },
      };
    }
    case 'metrics-server': {
      // Serves the metrics API and its health endpoints on --secure-port (TLS is not modelled).
      const port = Number(flagValue(args, '--secure-port') ?? 10250);
      return {
        program: 'metrics-server',
        events: [
          log(100, 'I0106 {klogtime}       1 serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)', 'stderr'),
          listen(900, port, 'healthz'),
          log(900, 'I0106 {klogtime}       1 handler.go:275] Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager', 'stderr'),
          log(950, `I0106 {klogtime}       1 secure_serving.go:213] Serving securely on [::]:${port}`, 'stderr'),
        ],
        onTerm: { afterMs: 100, code: 0 },
      };
    }
    case 'pause':
      return { program: 'pause', events: [], onTerm: { afterMs: 1, code: 0 } };
    case 'goproxy':
      return {
        program: 'goproxy',
        events: [listen(20, 8080, 'proxy')],
        onTerm: SIGTERM_143,
      };
    case 'echo-server':
    case 'echoserver':
    case 'run.sh':
      return {
        program: 'echo',
        events: [listen(50, Number(env.PORT ?? 8080), 'echo')],
        onTerm: SIGTERM_143,
      };
    case 'hello-app':
      return {
        program: 'hello-app',
        events: [log(10, `{goLogDate} Server listening on port ${env.PORT ?? '8080'}`, 'stderr'), listen(10, Number(env.PORT ?? 8080), 'hello-app')],
        onTerm: SIGTERM_143,
        data: { version: /2\./.test(ctx.tag) ? '2.0.0' : '1.0.0' },
      };
    case 'agnhost':
      return agnhostPlan(args);
    case 'hello':
      return {
        program: 'hello',
        events: [...HELLO_WORLD.map((t) => log(5, t)), { at: 6, type: 'exit', code: 0 }],
        onTerm: 'ignore',
      };
    case 'stress':
      return stressPlan(args);
    case 'perl': {
      const script = args[args.indexOf('-wle') + 1] ?? args[args.indexOf('-e') + 1] ?? args[args.indexOf('-le') + 1];
      const pi = /bpi\((\d+)\)/.exec(script ?? '');
      if (pi) {
        const n = Math.min(Number(pi[1]), 20_000);
        return {
          program: 'perl',
          events: [log(Math.round(2000 + n * 3.5), piDigits(n)), { at: Math.round(2000 + n * 3.5) + 5, type: 'exit', code: 0 }],
          onTerm: 'ignore',
        };
      }
      const print = /print\s+"([^"]*)"/.exec(script ?? '');
      if (print)
        return {
          program: 'perl',
          events: [log(20, print[1].replace(/\\n$/, '')), { at: 25, type: 'exit', code: 0 }],
          onTerm: 'ignore',
        };
      return {
        program: 'perl',
        events: [{ at: 20, type: 'exit', code: 0 }],
        onTerm: 'ignore',
      };
    }
    case 'python3':
    case 'python': {
      const m = args.indexOf('-m');
      if (m >= 0 && args[m + 1] === 'http.server') {
        const port = Number(args[m + 2] ?? 8000);
        return {
          program: 'python-http',
          events: [listen(150, port, 'dirlist'), log(160, `Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`)],
          onTerm: 'ignore',
        };
      }
      const c = args.indexOf('-c');
      if (c >= 0) {
        const print = /print\((["'])(.*)\1\)/.exec(args[c + 1] ?? '');
        return {
          program: 'python',
          events: [...(print ? [log(80, print[2])] : []), { at: 90, type: 'exit', code: 0 }],
          onTerm: 'ignore',
        };
      }
      return {
        program: 'python',
        events: [{ at: 60, type: 'exit', code: 0 }],
        onTerm: 'ignore',
      };
    }
    case 'node':
      return {
        program: 'node',
        events: [{ at: 60, type: 'exit', code: 0 }],
        onTerm: 'ignore',
      };
    case 'curl':
      if (!args.length)
        return {
          program: 'curl',
          events: [log(5, "curl: try 'curl --help' or 'curl --manual' for more information", 'stderr'), { at: 6, type: 'exit', code: 2 }],
          onTerm: 'ignore',
        };
      return {
        program: 'curl',
        events: [
          log(
            20,
            `curl: (6) Could not resolve host: ${
              args
                .filter((a) => !a.startsWith('-'))
                .pop()
                ?.replace(/^https?:\/\//, '')
                .split(/[/:]/)[0] ?? ''
            }`,
            'stderr',
          ),
          { at: 21, type: 'exit', code: 6 },
        ],
        onTerm: 'ignore',
      };
    default:
      return undefined;
  }
}

const HELLO_WORLD = [
  '',
  'Hello from Docker!',
  'This message shows that your installation appears to be working correctly.',
  '',
  'To generate this message, Docker took the following steps:',
  ' 1. The Docker client contacted the Docker daemon.',
  ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.',
  '    (amd64)',
  ' 3. The Docker daemon created a new container from that image which runs the',
  '    executable that produces the output you are currently reading.',
  ' 4. The Docker daemon streamed that output to the Docker client, which sent it',
  '    to your terminal.',
  '',
  'To try something more ambitious, you can run an Ubuntu container with:',
  ' $ docker run -it ubuntu bash',
  '',
  'Share images, automate workflows, and more with a free Docker ID:',
  ' https://hub.docker.com/',
  '',
  'For more examples and ideas, visit:',
  ' https://docs.docker.com/get-started/',
  '',
];

function parseBytes(text: string | undefined): number {
  if (!text) return 256 * 1024 * 1024;
  const m = /^(\d+(?:\.\d+)?)([bBkKmMgG]?)$/.exec(text);
  if (!m) return 256 * 1024 * 1024;
  const unit = {
    '': 1,
    b: 1,
    B: 1,
    k: 1024,
    K: 1024,
    m: 1024 ** 2,
    M: 1024 ** 2,
    g: 1024 ** 3,
    G: 1024 ** 3,
  }[m[2]] as number;
  return Math.round(Number(m[1]) * unit);
}

function stressPlan(args: string[]): ProgramPlan {
  const vm = Number(flagValue(args, '--vm') ?? flagValue(args, '-m') ?? 0);
  const cpu = Number(flagValue(args, '--cpu') ?? flagValue(args, '-c') ?? 0);
  const bytes = parseBytes(flagValue(args, '--vm-bytes'));
  const timeout = flagValue(args, '--timeout') ?? flagValue(args, '-t');
  const events: PlanEvent[] = [
    log(10, `stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd`),
    { at: 20, type: 'alloc', bytes: 2 * 1024 * 1024 },
  ];
  if (vm > 0)
    events.push({
      at: 600,
      type: 'alloc',
      bytes: vm * bytes + 2 * 1024 * 1024,
    });
  if (timeout) {
    const secs = Number.parseInt(timeout, 10) * (timeout.endsWith('m') ? 60 : 1);
    events.push(log(secs * 1000, `stress: info: [1] successful run completed in ${secs}s`), { at: secs * 1000 + 1, type: 'exit', code: 0 });
  }
  return { program: 'stress', events, onTerm: 'ignore' };
}

function agnhostPlan(args: string[]): ProgramPlan {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'liveness':
      return {
        program: 'agnhost-liveness',
        events: [listen(10, 8080, 'agnhost-liveness')],
        onTerm: SIGTERM_143,
      };
    case 'netexec': {
      const port = Number(flagValue(rest, '--http-port') ?? 8080);
      const udp = Number(flagValue(rest, '--udp-port') ?? 8081);
      return {
        program: 'agnhost-netexec',
        events: [
          log(10, `I0106 {klogtime}       1 log.go:245] Started HTTP server on port ${port}`, 'stderr'),
          listen(10, port, 'agnhost-netexec'),
          listen(10, udp, undefined, 'UDP'),
        ],
        onTerm: SIGTERM_143,
      };
    }
    case 'serve-hostname': {
      const port = Number(flagValue(rest, '--port') ?? 9376);
      return {
        program: 'serve-hostname',
        events: [log(10, `{goLogDate} Serving on port ${port}.`, 'stderr'), listen(10, port, 'hostname')],
        onTerm: SIGTERM_143,
      };
    }
    case 'test-webserver':
      return {
        program: 'test-webserver',
        events: [listen(10, Number(flagValue(rest, '--port') ?? 80), 'hello')],
        onTerm: SIGTERM_143,
      };
    case 'pause':
      return {
        program: 'pause',
        events: [log(5, 'Paused')],
        onTerm: SIGTERM_143,
      };
    case undefined:
      return {
        program: 'agnhost',
        events: [log(5, 'Usage:\n  agnhost [command]', 'stderr'), { at: 6, type: 'exit', code: 0 }],
        onTerm: 'ignore',
      };
    default:
      return {
        program: 'agnhost',
        events: [
          log(5, `Error: unknown command "${sub}" for "agnhost"`, 'stderr'),
          log(5, "Run 'agnhost --help' for usage.", 'stderr'),
          { at: 6, type: 'exit', code: 1 },
        ],
        onTerm: 'ignore',
      };
  }
}

/** Fill the time and address placeholders of a log line. */
export function renderLog(text: string, now: number, ctx: { podIP: string; podName: string }): string {
  if (!text.includes('{')) return text;
  const iso = new Date(now).toISOString();
  const clf = clfDate(now);
  return text
    .replace(/\{date\}/g, slashDate(now))
    .replace(/\{pgdate\}/g, `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`)
    .replace(/\{mysqldate\}/g, `${iso.slice(0, 10)} ${iso.slice(11, 19)}+00:00`)
    .replace(/\{redisdate\}/g, `${clf.slice(0, 2)} ${clf.slice(3, 6)} ${clf.slice(7, 11)} ${iso.slice(11, 23)}`)
    .replace(
      /\{httpddate\}/g,
      `${new Date(now).toUTCString().slice(0, 3)} ${clf.slice(3, 6)} ${clf.slice(0, 2)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000 ${iso.slice(0, 4)}`,
    )
    .replace(/\{klogtime\}/g, `${iso.slice(11, 23)}000`)
    .replace(/\{goLogDate\}/g, `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)} ${iso.slice(11, 19)}`)
    .replace(/\{isodate\}/g, iso)
    .replace(/\{epoch\}/g, String(Math.floor(now / 1000)))
    .replace(/\{podIP\}/g, ctx.podIP)
    .replace(/\{podName\}/g, ctx.podName);
}

export interface Responder {
  /** The container's files (for web servers serving a document root). */
  read(path: string): string | undefined;
  startedAt: number;
  now: number;
  podName: string;
  data?: Record<string, string>;
}

/** How a program answers `GET path` on an HTTP port. */
export function httpRespond(kind: string, path: string, r: Responder): HttpAnswer {
  const clean = path.split('?')[0] || '/';
  switch (kind) {
    case 'nginx':
    case 'httpd': {
      const root = kind === 'nginx' ? '/usr/share/nginx/html' : '/usr/local/apache2/htdocs';
      const file = r.read(`${root}${clean.endsWith('/') ? `${clean}index.html` : clean}`);
      if (file !== undefined) return { status: 200, body: file };
      if (kind === 'nginx') {
        return {
          status: 404,
          body: `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n`,
        };
      }
      return {
        status: 404,
        body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
      };
    }
    case 'coredns':
      return { status: 200, body: 'OK' };
    case 'healthz':
      return { status: 200, body: 'ok' };
    case 'metrics':
      return { status: 200, body: '# HELP up 1\n' };
    case 'agnhost-liveness': {
      const secs = (r.now - r.startedAt) / 1000;
      if (clean === '/started') return { status: 200, body: `${secs}` };
      if (clean === '/healthz' || clean === '/') return secs <= 10 ? { status: 200, body: 'ok' } : { status: 500, body: `error: ${secs}` };
      return { status: 404, body: '404 page not found\n' };
    }
    case 'agnhost-netexec':
      if (clean === '/hostname') return { status: 200, body: r.podName };
      if (clean === '/healthz' || clean === '/readyz') return { status: 200, body: '' };
      if (clean === '/echo')
        return {
          status: 200,
          body: decodeURIComponent(/msg=([^&]*)/.exec(path)?.[1] ?? ''),
        };
      return {
        status: 200,
        body: `NOW: ${new Date(r.now).toISOString().replace('T', ' ').replace('Z', '')} +0000 UTC`,
      };
    case 'hostname':
      return { status: 200, body: r.podName };
    case 'hello':
      return { status: 200, body: `Hello from ${r.podName}` };
    case 'hello-app':
      return {
        status: 200,
        body: `Hello, world!\nVersion: ${r.data?.version ?? '1.0.0'}\nHostname: ${r.podName}\n`,
      };
    case 'php-apache':
      return { status: 200, body: 'OK!' };
    case 'echo':
      return {
        status: 200,
        body: `Request served by ${r.podName}\n\nHTTP/1.1 GET ${path}\n`,
      };
    case 'dirlist':
      return {
        status: 200,
        body: '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n</body>\n</html>\n',
      };
    default:
      return { status: 200, body: '' };
  }
}

/** The access-log line a web server writes for a request (nginx's combined format). */
export function accessLog(kind: string, from: string, path: string, status: number, bytes: number, agent: string, now: number): string | undefined {
  if (kind === 'nginx') return `${from} - - [${clfDate(now)}] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}" "-"`;
  if (kind === 'httpd') return `${from} - - [${clfDate(now)}] "GET ${path} HTTP/1.1" ${status} ${bytes}`;
  return undefined;
}
