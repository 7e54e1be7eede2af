import { KUBERNETES_VERSION } from '../sim/version';
import { hexDigest } from './format';
import { type ImageRef, normalized, parseImageRef, repository } from './imageref';

/**
 * The image catalogue: every image the sandbox's registries serve, as data. An image not listed
 * here does not exist (pulling it fails the way containerd fails for a missing repository or tag).
 * What a container of an image does is decided by its entrypoint/cmd and the programs model.
 */
export interface ImageSpec {
  /** `docker.io/library/nginx` */
  repository: string;
  /** tag → image size in bytes (what the kubelet reports as "Image size"). */
  tags: Record<string, number>;
  entrypoint?: string[];
  cmd?: string[];
  /** Which shell and core tools the image has: busybox (`sh` is ash), gnu (dash + coreutils), none (distroless). */
  userland: 'busybox' | 'gnu' | 'none';
  /** Program names (argv[0] basenames) installed in the image besides the shell tools. */
  programs?: string[];
  /** Image ENV. */
  env?: Record<string, string>;
  /** Files in the image that the sandbox's programs read (web roots …). */
  files?: Record<string, string>;
  /** Working directory (WORKDIR). */
  workdir?: string;
  /** Part of the kind node image: present on every node from boot. */
  preloaded?: boolean;
  /** What a running container of the image uses (`kubectl top`, the HPA); unlisted images use DEFAULT_USAGE. */
  usage?: ImageUsage;
}

/**
 * A container's resource use as data: idle CPU and working-set memory, and what each request per
 * second sent to it costs on top (`sim load service/x --rps N`).
 */
export interface ImageUsage {
  /** Idle CPU, millicores. */
  cpuMilli: number;
  /** Idle working-set memory, bytes. */
  memoryBytes: number;
  /** CPU per request per second, millicores (a web server's cost of serving). */
  cpuPerRps?: number;
  /** Extra working-set memory per request per second, bytes (buffers, workers). */
  memoryPerRps?: number;
}

/** Usage of an image the catalogue says nothing about: a small, quiet process. */
export const DEFAULT_USAGE: ImageUsage = { cpuMilli: 1, memoryBytes: 4 * 1024 * 1024, cpuPerRps: 1, memoryPerRps: 16 * 1024 };

const MiB = 1024 * 1024;

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** nginx's stock welcome page (615 bytes). */
export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
</head>
<body>
<h1>An error occurred.</h1>
</body>
</html>
`;

const nginxFiles = {
  '/usr/share/nginx/html/index.html': NGINX_INDEX,
  '/usr/share/nginx/html/50x.html': NGINX_50X,
};
const K8S = KUBERNETES_VERSION;

export const CATALOGUE: ImageSpec[] = [
  {
    repository: 'docker.io/library/nginx',
    usage: { cpuMilli: 1, memoryBytes: 3670016, cpuPerRps: 0.5, memoryPerRps: 10486 },
    tags: {
      latest: 72195292,
      mainline: 72195292,
      stable: 71027698,
      '1.27': 72195292,
      '1.27.3': 72195292,
      '1.27.2': 72099501,
      '1.27.1': 71035907,
      '1.27.0': 70991807,
      '1.26': 71027698,
      '1.26.2': 71027698,
      '1.25': 70544635,
      '1.25.4': 70544635,
      '1.25.3': 70520324,
      '1.24': 56886470,
      '1.24.0': 56886470,
      '1.23': 57006209,
      '1.23.4': 57006209,
      '1.22': 56764032,
      '1.21': 54142467,
      '1.21.6': 54142467,
      '1.20': 53572045,
      '1.19': 53365214,
      '1.19.10': 53365214,
      '1.18': 52215101,
      '1.17': 51030529,
      '1.16.1': 51030140,
      '1.16': 51030140,
      '1.15': 43242121,
      '1.14.2': 44710204,
      '1.14': 44710204,
      '1.13': 43002133,
      '1.12': 41807226,
      '1.10': 40103417,
      '1.9': 38920023,
      '1.7.9': 39947839,
      alpine: 20469883,
      '1.27-alpine': 20469883,
      'alpine-slim': 5316107,
      perl: 79844823,
    },
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    userland: 'gnu',
    programs: ['nginx', 'docker-entrypoint.sh', 'curl'],
    env: {
      PATH,
      NGINX_VERSION: '1.27.3',
      NJS_VERSION: '0.8.7',
      PKG_RELEASE: '1~bookworm',
    },
    files: nginxFiles,
  },
  {
    repository: 'registry.k8s.io/nginx-slim',
    usage: { cpuMilli: 1, memoryBytes: 3 * MiB, cpuPerRps: 0.5, memoryPerRps: 10486 },
    tags: {
      '0.8': 44843829,
      '0.20': 43561082,
      '0.21': 43543862,
      '0.24': 43560014,
      '0.26': 43561320,
      '0.27': 43554331,
    },
    cmd: ['nginx', '-g', 'daemon off;'],
    userland: 'gnu',
    programs: ['nginx'],
    env: { PATH },
    files: nginxFiles,
  },
  {
    repository: 'docker.io/library/busybox',
    usage: { cpuMilli: 0, memoryBytes: 314573 },
    tags: {
      latest: 2166802,
      stable: 2166802,
      '1.37': 2166802,
      '1.37.0': 2166802,
      '1.36': 2160406,
      '1.36.1': 2160406,
      '1.36.0': 2155235,
      '1.35': 2157210,
      '1.34': 2153876,
      '1.33': 2148913,
      '1.32': 2144021,
      '1.31': 2137210,
      '1.28': 1364178,
      '1.27.2': 1312457,
      '1.27': 1312457,
      '1.25': 1263904,
      glibc: 2228109,
      musl: 1005314,
      uclibc: 1042418,
    },
    cmd: ['sh'],
    userland: 'busybox',
    env: {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    },
  },
  {
    repository: 'registry.k8s.io/busybox',
    usage: { cpuMilli: 0, memoryBytes: 314573 },
    tags: { latest: 1144547, '1.27.2': 1144547, '1.24': 675010 },
    cmd: ['sh'],
    userland: 'busybox',
    env: {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    },
  },
  {
    repository: 'registry.k8s.io/e2e-test-images/busybox',
    usage: { cpuMilli: 0, memoryBytes: 314573 },
    tags: { '1.29-4': 731885, '1.36.1-1': 2165031 },
    cmd: ['sh'],
    userland: 'busybox',
    env: { PATH },
  },
  {
    repository: 'docker.io/library/alpine',
    usage: { cpuMilli: 0, memoryBytes: 419430 },
    tags: {
      latest: 3653068,
      '3': 3653068,
      '3.21': 3653068,
      '3.20': 3625330,
      '3.19': 3418304,
      '3.18': 3362592,
      '3.17': 3381134,
      '3.16': 2812510,
      edge: 3673540,
    },
    cmd: ['/bin/sh'],
    userland: 'busybox',
    env: { PATH },
  },
  {
    repository: 'docker.io/library/ubuntu',
    usage: { cpuMilli: 0, memoryBytes: 629146 },
    tags: {
      latest: 29754452,
      '24.04': 29754452,
      noble: 29754452,
      '22.04': 29535869,
      jammy: 29535869,
      '20.04': 27514543,
      focal: 27514543,
    },
    cmd: ['/bin/bash'],
    userland: 'gnu',
    programs: ['bash'],
    env: { PATH },
  },
  {
    repository: 'docker.io/library/debian',
    usage: { cpuMilli: 0, memoryBytes: 629146 },
    tags: {
      latest: 48489745,
      bookworm: 48489745,
      '12': 48489745,
      'bookworm-slim': 28227259,
      '12-slim': 28227259,
      bullseye: 53745462,
      '11': 53745462,
    },
    cmd: ['bash'],
    userland: 'gnu',
    programs: ['bash'],
    env: { PATH },
  },
  {
    repository: 'docker.io/library/redis',
    usage: { cpuMilli: 2, memoryBytes: 3 * MiB, cpuPerRps: 0.3, memoryPerRps: 10486 },
    tags: {
      latest: 45012132,
      '7': 45012132,
      '7.4': 45012132,
      '7.2': 44842339,
      '7.0': 44152322,
      '6.2': 40172553,
      '6': 40172553,
      alpine: 16912331,
      '7-alpine': 16912331,
      '5.0.4': 38239182,
    },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    userland: 'gnu',
    programs: ['redis-server', 'redis-cli', 'docker-entrypoint.sh'],
    env: { PATH, REDIS_VERSION: '7.4.1' },
    workdir: '/data',
  },
  {
    repository: 'docker.io/library/postgres',
    usage: { cpuMilli: 3, memoryBytes: 25 * MiB, cpuPerRps: 2, memoryPerRps: 52429 },
    tags: {
      latest: 161430709,
      '17': 161430709,
      '16': 158311921,
      '16.4': 158311921,
      '15': 155283312,
      '14': 151853043,
      '13': 149611233,
      alpine: 103920440,
      '16-alpine': 102983123,
    },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    userland: 'gnu',
    programs: ['postgres', 'psql', 'pg_isready', 'docker-entrypoint.sh'],
    env: {
      PATH: `/usr/lib/postgresql/17/bin:${PATH}`,
      PG_MAJOR: '17',
      PGDATA: '/var/lib/postgresql/data',
    },
  },
  {
    repository: 'docker.io/library/mysql',
    usage: { cpuMilli: 5, memoryBytes: 360 * MiB, cpuPerRps: 2, memoryPerRps: 52429 },
    tags: {
      latest: 175062187,
      '9': 175062187,
      '8.4': 172863429,
      lts: 172863429,
      '8': 172863429,
      '8.0': 170693402,
      '5.7': 147426380,
    },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    userland: 'gnu',
    programs: ['mysqld', 'mysql', 'mysqladmin', 'docker-entrypoint.sh'],
    env: { PATH, MYSQL_MAJOR: '9.1' },
  },
  {
    repository: 'docker.io/library/httpd',
    usage: { cpuMilli: 1, memoryBytes: 6 * MiB, cpuPerRps: 0.8, memoryPerRps: 20972 },
    tags: {
      latest: 58339524,
      '2.4': 58339524,
      '2': 58339524,
      alpine: 22387317,
      '2.4-alpine': 22387317,
    },
    cmd: ['httpd-foreground'],
    userland: 'gnu',
    programs: ['httpd-foreground', 'httpd'],
    env: { PATH: `/usr/local/apache2/bin:${PATH}`, HTTPD_VERSION: '2.4.62' },
    files: {
      '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n',
    },
  },
  {
    repository: 'docker.io/library/memcached',
    usage: { cpuMilli: 1, memoryBytes: 2 * MiB, cpuPerRps: 0.2, memoryPerRps: 10486 },
    tags: { latest: 32361302, '1.6': 32361302, alpine: 4770284 },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['memcached'],
    userland: 'gnu',
    programs: ['memcached', 'docker-entrypoint.sh'],
    env: { PATH },
  },
  {
    repository: 'docker.io/library/perl',
    tags: {
      latest: 326102883,
      '5.40': 326102883,
      '5.34.0': 332474311,
      '5.34': 332474311,
      slim: 39871273,
    },
    cmd: ['perl', '-de0'],
    userland: 'gnu',
    programs: ['perl'],
    env: { PATH },
  },
  {
    repository: 'docker.io/library/python',
    usage: { cpuMilli: 1, memoryBytes: 10 * MiB, cpuPerRps: 2, memoryPerRps: 52429 },
    tags: {
      latest: 376329402,
      '3': 376329402,
      '3.13': 376329402,
      '3.12': 374181306,
      '3.11': 371019003,
      slim: 44826451,
      '3.12-slim': 44818290,
      alpine: 18162512,
    },
    cmd: ['python3'],
    userland: 'gnu',
    programs: ['python3', 'python', 'pip'],
    env: { PATH },
  },
  {
    repository: 'docker.io/library/node',
    usage: { cpuMilli: 2, memoryBytes: 40 * MiB, cpuPerRps: 1, memoryPerRps: 52429 },
    tags: {
      latest: 394061003,
      '22': 394061003,
      '20': 391206102,
      lts: 394061003,
      alpine: 56987632,
      '20-alpine': 50190245,
    },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    userland: 'gnu',
    programs: ['node', 'npm', 'docker-entrypoint.sh'],
    env: { PATH },
  },
  {
    repository: 'docker.io/library/hello-world',
    tags: { latest: 3208, linux: 3208 },
    cmd: ['/hello'],
    userland: 'none',
    programs: ['hello'],
  },
  {
    repository: 'docker.io/curlimages/curl',
    tags: { latest: 10942210, '8.11.1': 10942210, '8.5.0': 10367802 },
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
    userland: 'busybox',
    programs: ['curl', 'entrypoint.sh'],
    env: { PATH },
  },
  {
    repository: 'docker.io/polinux/stress',
    usage: { cpuMilli: 0, memoryBytes: 524288 },
    tags: { latest: 4041495, '1.0.4': 4041495 },
    cmd: ['stress'],
    userland: 'busybox',
    programs: ['stress'],
    env: { PATH },
  },
  {
    repository: 'registry.k8s.io/e2e-test-images/agnhost',
    usage: { cpuMilli: 1, memoryBytes: 8 * MiB, cpuPerRps: 0.5, memoryPerRps: 10486 },
    tags: Object.fromEntries(['2.33', '2.39', '2.40', '2.43', '2.45', '2.47', '2.48', '2.50', '2.52', '2.53'].map((t) => [t, 50818371])),
    entrypoint: ['/agnhost'],
    userland: 'busybox',
    programs: ['agnhost'],
    env: { PATH },
  },
  {
    repository: 'registry.k8s.io/goproxy',
    tags: { '0.1': 2989290 },
    cmd: ['/goproxy'],
    userland: 'none',
    programs: ['goproxy'],
  },
  {
    repository: 'registry.k8s.io/echoserver',
    usage: { cpuMilli: 1, memoryBytes: 5 * MiB, cpuPerRps: 0.5, memoryPerRps: 10486 },
    tags: { '1.4': 46124563, '1.10': 46054163 },
    cmd: ['/usr/local/bin/run.sh'],
    userland: 'gnu',
    programs: ['echoserver', 'run.sh', 'nginx'],
    env: { PATH },
  },
  {
    repository: 'docker.io/kicbase/echo-server',
    usage: { cpuMilli: 1, memoryBytes: 5 * MiB, cpuPerRps: 0.5, memoryPerRps: 10486 },
    tags: { '1.0': 2427530, latest: 2427530 },
    entrypoint: ['/echo-server'],
    userland: 'none',
    programs: ['echo-server'],
  },
  {
    repository: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app',
    usage: { cpuMilli: 1, memoryBytes: 5 * MiB, cpuPerRps: 0.5, memoryPerRps: 10486 },
    tags: { '1.0': 4316148, '2.0': 4316186 },
    entrypoint: ['/hello-app'],
    userland: 'none',
    programs: ['hello-app'],
  },
  {
    repository: 'gcr.io/google-samples/hello-app',
    usage: { cpuMilli: 1, memoryBytes: 5 * MiB, cpuPerRps: 0.5, memoryPerRps: 10486 },
    tags: { '1.0': 4316148, '2.0': 4316186 },
    entrypoint: ['/hello-app'],
    userland: 'none',
    programs: ['hello-app'],
  },
  {
    repository: 'registry.k8s.io/hpa-example',
    usage: { cpuMilli: 1, memoryBytes: 10 * MiB, cpuPerRps: 10, memoryPerRps: 209715 },
    tags: { latest: 184136466 },
    cmd: ['apache2-foreground'],
    userland: 'gnu',
    programs: ['apache2-foreground', 'php-apache'],
    env: { PATH },
  },
  {
    repository: 'registry.k8s.io/metrics-server/metrics-server',
    tags: { 'v0.7.2': 19494617, 'v0.7.1': 19383432 },
    entrypoint: ['/metrics-server'],
    userland: 'none',
    programs: ['metrics-server'],
    usage: { cpuMilli: 3, memoryBytes: 18 * MiB },
  },
  {
    // ingress-nginx's controller (kind's deploy manifest); what it answers on 80/443 comes from the Ingresses.
    repository: 'registry.k8s.io/ingress-nginx/controller',
    tags: { 'v1.12.1': 105462581 },
    entrypoint: ['/usr/bin/dumb-init', '--'],
    userland: 'busybox',
    programs: ['dumb-init', 'nginx-ingress-controller', 'wait-shutdown'],
  },
  // -- the kind node image: preloaded on every node --
  {
    repository: 'registry.k8s.io/pause',
    usage: { cpuMilli: 0, memoryBytes: 262144 },
    tags: { '3.10': 320368, '3.9': 321520 },
    entrypoint: ['/pause'],
    userland: 'none',
    programs: ['pause'],
    preloaded: true,
  },
  {
    repository: 'registry.k8s.io/coredns/coredns',
    usage: { cpuMilli: 2, memoryBytes: 13 * MiB, cpuPerRps: 0.2, memoryPerRps: 10486 },
    tags: { 'v1.11.3': 18562039, 'v1.11.1': 18182961 },
    entrypoint: ['/coredns'],
    userland: 'none',
    programs: ['coredns'],
    preloaded: true,
  },
  {
    repository: 'registry.k8s.io/etcd',
    usage: { cpuMilli: 20, memoryBytes: 40 * MiB },
    tags: { '3.5.16-0': 57680541, '3.5.15-0': 56909194 },
    userland: 'none',
    programs: ['etcd', 'etcdctl'],
    preloaded: true,
  },
  {
    repository: 'registry.k8s.io/kube-apiserver',
    usage: { cpuMilli: 40, memoryBytes: 250 * MiB },
    tags: { [K8S]: 94999238 },
    userland: 'none',
    programs: ['kube-apiserver'],
    preloaded: true,
  },
  {
    repository: 'registry.k8s.io/kube-controller-manager',
    usage: { cpuMilli: 15, memoryBytes: 50 * MiB },
    tags: { [K8S]: 89342561 },
    userland: 'none',
    programs: ['kube-controller-manager'],
    preloaded: true,
  },
  {
    repository: 'registry.k8s.io/kube-scheduler',
    usage: { cpuMilli: 4, memoryBytes: 20 * MiB },
    tags: { [K8S]: 69208418 },
    userland: 'none',
    programs: ['kube-scheduler'],
    preloaded: true,
  },
  {
    repository: 'registry.k8s.io/kube-proxy',
    usage: { cpuMilli: 1, memoryBytes: 15 * MiB },
    tags: { [K8S]: 97894122 },
    userland: 'gnu',
    programs: ['kube-proxy', 'iptables'],
    env: { PATH },
    preloaded: true,
  },
  {
    repository: 'docker.io/kindest/kindnetd',
    usage: { cpuMilli: 1, memoryBytes: 10 * MiB },
    tags: { 'v20241108-5c6d2daf': 39081186 },
    cmd: ['/bin/kindnetd'],
    userland: 'none',
    programs: ['kindnetd'],
    preloaded: true,
  },
  {
    repository: 'docker.io/kindest/local-path-provisioner',
    usage: { cpuMilli: 1, memoryBytes: 8 * MiB },
    tags: { 'v20241108-5c6d2daf': 22541737 },
    userland: 'busybox',
    programs: ['local-path-provisioner'],
    env: { PATH },
    preloaded: true,
  },
  {
    repository: 'docker.io/kindest/local-path-helper',
    tags: { 'v20241108-5c6d2daf': 3084671 },
    userland: 'busybox',
    env: { PATH },
    preloaded: true,
  },
];

const byRepository = new Map(CATALOGUE.map((i) => [i.repository, i]));

export interface ResolvedImage {
  ref: ImageRef;
  spec: ImageSpec;
  /** `docker.io/library/nginx:1.27` */
  name: string;
  size: number;
  /** `docker.io/library/nginx@sha256:…`: the containerStatus.imageID. */
  imageID: string;
  digest: string;
}

/** The registry's answer for a reference: the image, or undefined when the repository or tag does not exist. */
export function lookupImage(image: string | ImageRef): ResolvedImage | undefined {
  const ref = typeof image === 'string' ? parseImageRef(image) : image;
  const spec = byRepository.get(repository(ref));
  if (!spec) return undefined;
  let tag = ref.tag;
  if (ref.digest) {
    // A digest names one tag's content; accept a digest of any known tag.
    const found = Object.keys(spec.tags).find((t) => `sha256:${imageDigest(spec.repository, t)}` === ref.digest);
    if (!found) return undefined;
    tag = found;
  }
  if (!tag || spec.tags[tag] === undefined) return undefined;
  const digest = `sha256:${imageDigest(spec.repository, tag)}`;
  return {
    ref,
    spec,
    name: ref.digest && !ref.tag ? normalized(ref) : `${spec.repository}:${tag}`,
    size: spec.tags[tag],
    imageID: `${spec.repository}@${digest}`,
    digest,
  };
}

/** Tags that are the same content share a digest (`latest` and `1.27` of nginx …): grouped by size. */
function imageDigest(repo: string, tag: string): string {
  const spec = byRepository.get(repo);
  const size = spec?.tags[tag];
  return hexDigest(`${repo}#${size ?? tag}`);
}

/** The images every kind node has before it runs anything, as node.status.images lists them. */
export function preloadedImages(): ResolvedImage[] {
  const out: ResolvedImage[] = [];
  for (const spec of CATALOGUE) {
    if (!spec.preloaded) continue;
    for (const tag of Object.keys(spec.tags)) {
      // Only the versions the node image ships (the first tag listed).
      out.push(lookupImage(`${spec.repository}:${tag}`) as ResolvedImage);
      break;
    }
  }
  return out;
}

/**
 * How the registry refuses a pull, as the CRI error containerd returns reads
 * (`rpc error: code = NotFound desc = …`).
 */
export function pullError(image: string): string {
  const ref = parseImageRef(image);
  const name = normalized(ref);
  const spec = byRepository.get(repository(ref));
  if (spec) {
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`;
  }
  const knownHosts = new Set(CATALOGUE.map((i) => i.repository.split('/')[0]));
  if (ref.domain === 'docker.io') {
    return `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  }
  if (knownHosts.has(ref.domain)) {
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`;
  }
  const path = ref.path;
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": failed to do request: Head "https://${ref.domain}/v2/${path}/manifests/${ref.tag ?? ref.digest}": dial tcp: lookup ${ref.domain} on 172.18.0.1:53: no such host`;
}

/** Bytes per millisecond a kind node pulls at (about 35 MB/s), plus a fixed handshake cost. */
export const PULL_BYTES_PER_MS = 35_000;
export const PULL_BASE_MS = 450;
