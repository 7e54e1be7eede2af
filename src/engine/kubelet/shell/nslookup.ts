import type { CmdContext, CmdResult } from './commands';
import type { ShellDnsResponse, ShellQType } from './host';

/**
 * busybox (1.36) `nslookup`: with no -type it asks A and AAAA; a name without a dot is asked
 * under every `search` domain of /etc/resolv.conf (never bare), a dotted name as it is, an
 * address as its in-addr.arpa PTR. Every reply is printed in order of the questions, each
 * followed by a blank line; any NXDOMAIN makes the exit status 1.
 */
const USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n';
const TYPES: Record<string, ShellQType> = {
  a: 'A',
  aaaa: 'AAAA',
  cname: 'CNAME',
  ptr: 'PTR',
  srv: 'SRV',
  txt: 'TXT',
  any: 'ANY',
};

interface Resolv {
  nameservers: string[];
  search: string[];
}

function parseResolv(text: string | undefined): Resolv {
  const r: Resolv = { nameservers: [], search: [] };
  for (const line of (text ?? '').split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === 'nameserver' && rest[0]) r.nameservers.push(rest[0]);
    else if (key === 'search' || key === 'domain') r.search = rest;
  }
  return r;
}

function ptrName(ip: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  return m ? `${m[4]}.${m[3]}.${m[2]}.${m[1]}.in-addr.arpa` : undefined;
}

/** What parse_reply prints for the answer section; the count of records it understood. */
function printAnswers(r: ShellDnsResponse): { text: string; count: number } {
  let text = '';
  for (const rr of r.answers) {
    if (rr.type === 'A') text += `Name:\t${rr.name}\nAddress: ${rr.address}\n`;
    else if (rr.type === 'CNAME') text += `${rr.name}\tcanonical name = ${rr.target}\n`;
    else if (rr.type === 'PTR') text += `${rr.name}\tname = ${rr.target}\n`;
    else text += `${rr.name}\tservice = ${rr.priority} ${rr.weight} ${rr.port} ${rr.target}\n`;
  }
  return { text, count: r.answers.length };
}

/** Returns undefined when the pod's network cannot answer single questions (the plain view). */
export function busyboxNslookup(args: string[], ctx: CmdContext): CmdResult | undefined {
  const net = ctx.host.net;
  if (!net?.query) return undefined;
  const types: ShellQType[] = [];
  let i = 0;
  for (; i < args.length && args[i].startsWith('-'); i++) {
    const [opt, val = ''] = args[i].slice(1).split('=');
    if (opt === 'type' || opt === 'querytype') {
      const t = TYPES[val.toLowerCase()];
      if (!t) return { status: 1, err: `nslookup: invalid query type "${val}"\n` };
      if (!types.includes(t)) types.push(t);
    } else if (!['port', 'retry', 'debug', 't', 'timeout'].includes(opt)) return { status: 1, err: USAGE };
  }
  const rest = args.slice(i);
  if (!rest.length || rest.length > 2) return { status: 1, err: USAGE };
  const [host, serverArg] = rest;
  const resolv = parseResolv(ctx.host.fs.read('/etc/resolv.conf'));
  const server = serverArg ?? resolv.nameservers[0] ?? '127.0.0.1';
  const withSearch = (type: ShellQType, name: string): [ShellQType, string][] =>
    type === 'PTR' || !resolv.search.length || name.includes('.') ? [[type, name]] : resolv.search.map((d) => [type, `${name}.${d}`]);
  const queries: [ShellQType, string][] = [];
  const ptr = ptrName(host);
  if (!types.length) {
    if (ptr) queries.push(['PTR', ptr]);
    else queries.push(...withSearch('A', host), ...withSearch('AAAA', host));
  } else for (const t of types) queries.push(...withSearch(t, t === 'PTR' && ptr ? ptr : host));

  const replies = queries.map(([type, name]) => ({
    name,
    reply: net.query?.(server, name, type) ?? 'timed out',
  }));
  if (replies.every((q) => q.reply === 'timed out'))
    return {
      status: 1,
      out: ';; connection timed out; no servers could be reached\n\n',
    };
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  let status = 0;
  let unanswered = '';
  for (const { name, reply } of replies) {
    if (reply === 'timed out') {
      unanswered += `*** Can't find ${name}: No answer\n`;
      continue;
    }
    if (reply.rcode !== 'NOERROR') {
      out += `** server can't find ${name}: ${reply.rcode}\n`;
      status = 1;
    } else {
      const { text, count } = printAnswers(reply);
      out += count ? text : `*** Can't find ${name}: No answer\n`;
    }
    out += '\n';
  }
  if (unanswered) out += `${unanswered}\n`;
  return { status, out };
}
