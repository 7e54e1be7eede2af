import { type OutsideResult, requestFromOutside } from './external';
import type { NetworkModel } from './model';

export interface CurlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const CURL_USAGE = "usage: sim curl URL [-H 'Host: NAME'] [-k] [-v] [-i] [-f] [-L] [-o FILE] [-w FORMAT] [--resolve HOST:PORT:ADDR]";

/** The reason line of a status, as nginx sends it. */
const REASONS: Record<number, string> = {
  200: 'OK',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

const UNTRUSTED = `curl: (60) SSL certificate problem: self-signed certificate
More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the web page mentioned above.
`;

/** curl's error line and exit status for a request that got no HTTP answer. */
function failure(r: Extract<OutsideResult, { kind: 'error' }>): { text: string; code: number } {
  switch (r.error) {
    case 'bad url':
      return { text: `curl: (3) URL using bad/illegal format or missing URL\n`, code: 3 };
    case 'could not resolve':
      return { text: `curl: (6) Could not resolve host: ${r.host}\n`, code: 6 };
    case 'connection refused':
      return { text: `curl: (7) Failed to connect to ${r.host} port ${r.port} after 0 ms: Couldn't connect to server\n`, code: 7 };
    case 'timed out':
      // The kernel gives up on an unanswered SYN after its retries (about 130 s).
      return { text: `curl: (28) Failed to connect to ${r.host} port ${r.port} after 130000 ms: Couldn't connect to server\n`, code: 28 };
    case 'untrusted certificate':
      return { text: UNTRUSTED, code: 60 };
  }
}

/** Options that take a value, and their long names. */
const WITH_VALUE: Record<string, string> = {
  '-H': 'header',
  '--header': 'header',
  '-o': 'output',
  '--output': 'output',
  '-w': 'write-out',
  '--write-out': 'write-out',
  '-X': 'request',
  '--request': 'request',
  '-A': 'user-agent',
  '--user-agent': 'user-agent',
  '-m': 'max-time',
  '--max-time': 'max-time',
  '--connect-timeout': 'connect-timeout',
  '--resolve': 'resolve',
  '-d': 'data',
  '--data': 'data',
};
/** Options without a value: short letters (they combine, `-sSkv`) and long names. */
const SHORT_BOOLS = 'kvisSfLI';
const LONG_BOOLS: Record<string, string> = {
  '--insecure': 'k',
  '--verbose': 'v',
  '--include': 'i',
  '--silent': 's',
  '--show-error': 'S',
  '--fail': 'f',
  '--location': 'L',
  '--head': 'I',
};

/** The host[:port] of a URL (scheme optional). */
function authority(u: string): string {
  return (/^(?:[a-z]+:\/\/)?([^/?#]*)/i.exec(u)?.[1] ?? '').toLowerCase();
}

/** curl's -w variables the sandbox knows. */
function writeOut(format: string, status: number, url: string): string {
  return format
    .replace(/%\{(http_code|response_code)\}/g, String(status).padStart(3, '0'))
    .replace(/%\{url_effective\}/g, url)
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

const UNKNOWN = (a: string) => ({ stdout: '', stderr: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 });

/**
 * `sim curl URL [options]`: curl on the learner's machine (the one running kind). The body goes
 * to stdout whatever the status unless `-f`; errors are curl's own lines and exit codes. Known
 * options: -H 'Host: x', -k, -v (adds the certificate the server showed), -i, -I, -s, -S, -f,
 * -L, -o FILE (the body is not shown), -w '%{http_code}', -A, -X, -d, -m, --resolve HOST:PORT:ADDR.
 */
export function curl(model: NetworkModel, argv: string[]): CurlResult {
  let url: string | undefined;
  let host: string | undefined;
  let agent: string | undefined;
  let format: string | undefined;
  let discard = false;
  const flags = new Set<string>();
  const resolve: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (WITH_VALUE[name]) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) return { stdout: '', stderr: `curl: option ${a}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
      switch (WITH_VALUE[name]) {
        case 'header': {
          const m = /^\s*host\s*:\s*(.*?)\s*$/i.exec(value);
          if (m) host = m[1];
          break;
        }
        case 'output':
          discard = true;
          break;
        case 'write-out':
          format = value;
          break;
        case 'user-agent':
          agent = value;
          break;
        case 'resolve': {
          const m = /^([^:]+):(\d+):(.+)$/.exec(value);
          if (!m) return { stdout: '', stderr: `curl: (49) Couldn't parse CURLOPT_RESOLVE entry '${value}'\n`, exitCode: 49 };
          resolve[`${m[1].toLowerCase()}:${m[2]}`] = m[3];
          break;
        }
      }
    } else if (LONG_BOOLS[a]) flags.add(LONG_BOOLS[a]);
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const ch of a.slice(1)) {
        if (!SHORT_BOOLS.includes(ch)) return UNKNOWN(a);
        flags.add(ch);
      }
    } else if (a.startsWith('-')) return UNKNOWN(a);
    else if (url === undefined) url = a;
    else return { stdout: '', stderr: `${CURL_USAGE}\n`, exitCode: 2 };
  }
  if (!url) return { stdout: '', stderr: `curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
  const verbose = flags.has('v');
  const cert = (c: string | undefined) => (verbose && c ? `* Server certificate:\n*  ${c}\n` : '');
  let stdout = '';
  let stderr = '';
  // -L follows redirects (curl drops a custom Host header once the host changes).
  for (let hops = 0; ; hops++) {
    const r = requestFromOutside(model, url, { host, insecure: flags.has('k'), resolve, agent });
    if (r.kind === 'error') {
      const f = failure(r);
      const silent = flags.has('s') && !flags.has('S');
      return { stdout: stdout + (format ? writeOut(format, 0, url) : ''), stderr: `${stderr}${cert(r.certificate)}${silent ? '' : f.text}`, exitCode: f.code };
    }
    const a = r.answer;
    stderr += cert(a.certificate);
    const head = `HTTP/1.1 ${a.status} ${REASONS[a.status] ?? ''}\r\n${a.location ? `Location: ${a.location}\r\n` : ''}Content-Length: ${a.body.length}\r\n\r\n`;
    if (flags.has('f') && a.status >= 400) {
      const silent = flags.has('s') && !flags.has('S');
      return { stdout, stderr: `${stderr}${silent ? '' : `curl: (22) The requested URL returned error: ${a.status}\n`}`, exitCode: 22 };
    }
    if (flags.has('i') || flags.has('I')) stdout += head;
    if (flags.has('L') && a.location && hops < 50) {
      if (authority(a.location) !== authority(url)) host = undefined;
      url = a.location;
      continue;
    }
    if (!flags.has('I') && !discard) stdout += a.body;
    if (format) stdout += writeOut(format, a.status, url);
    return { stdout, stderr, exitCode: 0 };
  }
}
