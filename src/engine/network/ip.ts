/**
 * IPv4 arithmetic for the network model: addresses as unsigned 32-bit numbers so CIDR checks are
 * a mask and a compare. The sandbox is single-stack IPv4, as a default kind cluster is.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The address as a number, or undefined when `text` is not a dotted-quad IPv4 address. */
export function parseIPv4(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return undefined;
    n = n * 256 + part;
  }
  return n;
}

export function isIPv4(text: string): boolean {
  return parseIPv4(text) !== undefined;
}

export function formatIPv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

export interface Cidr {
  base: number;
  bits: number;
}

/** `10.0.0.0/8` → base and prefix length; undefined when malformed. Host bits are masked off. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIPv4(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (ip === undefined || !/^\d{1,2}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > 32) return undefined;
  return { base: ip - (ip % 2 ** (32 - bits)), bits };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  const size = 2 ** (32 - cidr.bits);
  return ip >= cidr.base && ip < cidr.base + size;
}

/** `10.244.1.5` → `10-244-1-5`: how DNS names pods and unnamed endpoints by address. */
export function dashedIP(ip: string): string {
  return ip.replaceAll('.', '-');
}

/** `10-244-1-5` → `10.244.1.5`, or undefined when the label is not a dashed IPv4 address. */
export function undashIP(label: string): string | undefined {
  const ip = label.replaceAll('-', '.');
  return isIPv4(ip) && label.split('-').length === 4 ? ip : undefined;
}

/** `10.96.0.1` → `1.0.96.10.in-addr.arpa` (the PTR question for an address). */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** `1.0.96.10.in-addr.arpa` → `10.96.0.1`, or undefined when not a full IPv4 reverse name. */
export function fromReverseName(name: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa\.?$/i.exec(name);
  if (!m) return undefined;
  const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  return isIPv4(ip) ? ip : undefined;
}

export function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') && isIPv4(ip);
}
