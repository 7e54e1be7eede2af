import { type OutsideResult, requestFromOutside } from './external';
import type { NetworkModel } from './model';

export interface CurlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const CURL_USAGE = "usage: sim curl URL [-H 'Host: NAME'] [-k] [-v] [-i]";

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

/**
 * `sim curl URL [-H 'Host: x'] [-k] [-v] [-i]`: curl on the learner's machine (the one running
 * kind). The body goes to stdout whatever the status, as curl does without `-f`; errors are
 * curl's own lines and exit codes. `-v` adds the certificate the server showed.
 */
export function curl(model: NetworkModel, argv: string[]): CurlResult {
  let url: string | undefined;
  let host: string | undefined;
  let insecure = false;
  let verbose = false;
  let include = false;
  // Short options combine as in curl (`-kv`, `-sSk`).
  const words = argv.flatMap((a) => (/^-[kvisS]{2,}$/.test(a) ? [...a.slice(1)].map((ch) => `-${ch}`) : [a]));
  for (let i = 0; i < words.length; i++) {
    const a = words[i];
    if (a === '-H' || a === '--header') {
      const h = words[++i];
      if (h === undefined) return { stdout: '', stderr: `curl: option ${a}: requires parameter\n`, exitCode: 2 };
      const m = /^\s*host\s*:\s*(.*?)\s*$/i.exec(h);
      if (m) host = m[1];
    } else if (a.startsWith('--header=')) {
      const m = /^\s*host\s*:\s*(.*?)\s*$/i.exec(a.slice(9));
      if (m) host = m[1];
    } else if (a === '-k' || a === '--insecure') insecure = true;
    else if (a === '-v' || a === '--verbose') verbose = true;
    else if (a === '-i' || a === '--include') include = true;
    else if (a === '-s' || a === '--silent' || a === '-S' || a === '--show-error') continue;
    else if (a.startsWith('-')) return { stdout: '', stderr: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
    else if (url === undefined) url = a;
    else return { stdout: '', stderr: `${CURL_USAGE}\n`, exitCode: 2 };
  }
  if (!url) return { stdout: '', stderr: `curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
  const r = requestFromOutside(model, url, { host, insecure });
  const cert = (c: string | undefined) => (verbose && c ? `* Server certificate:\n*  ${c}\n` : '');
  if (r.kind === 'error') {
    const f = failure(r);
    return { stdout: '', stderr: `${cert(r.certificate)}${f.text}`, exitCode: f.code };
  }
  const a = r.answer;
  let head = '';
  if (include) {
    head = `HTTP/1.1 ${a.status} ${REASONS[a.status] ?? ''}\r\n`;
    if (a.location) head += `Location: ${a.location}\r\n`;
    head += '\r\n';
  }
  return { stdout: `${head}${a.body}`, stderr: cert(a.certificate), exitCode: 0 };
}
