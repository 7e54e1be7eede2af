import { describe, expect, it } from 'vitest';
import { cidrContains, dashedIP, formatIPv4, fromReverseName, parseCidr, parseIPv4, reverseName, undashIP } from './ip';

describe('IPv4 helpers', () => {
  it('parses and formats dotted quads', () => {
    expect(parseIPv4('10.244.1.5')).toBe(((10 * 256 + 244) * 256 + 1) * 256 + 5);
    expect(formatIPv4(parseIPv4('172.18.255.200') as number)).toBe('172.18.255.200');
    expect(parseIPv4('10.244.1.256')).toBeUndefined();
    expect(parseIPv4('web')).toBeUndefined();
  });

  it('checks CIDR membership with host bits masked', () => {
    const c = parseCidr('10.96.0.1/12');
    expect(c).toEqual({ base: parseIPv4('10.96.0.0'), bits: 12 });
    expect(cidrContains(c as NonNullable<typeof c>, parseIPv4('10.111.255.255') as number)).toBe(true);
    expect(cidrContains(c as NonNullable<typeof c>, parseIPv4('10.112.0.0') as number)).toBe(false);
    expect(cidrContains(parseCidr('0.0.0.0/0') as NonNullable<typeof c>, parseIPv4('8.8.8.8') as number)).toBe(true);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });

  it('converts between addresses and their DNS forms', () => {
    expect(dashedIP('10.244.1.5')).toBe('10-244-1-5');
    expect(undashIP('10-244-1-5')).toBe('10.244.1.5');
    expect(undashIP('web-0')).toBeUndefined();
    expect(reverseName('10.96.0.1')).toBe('1.0.96.10.in-addr.arpa');
    expect(fromReverseName('1.0.96.10.in-addr.arpa.')).toBe('10.96.0.1');
    expect(fromReverseName('0.96.10.in-addr.arpa')).toBeUndefined();
  });
});
