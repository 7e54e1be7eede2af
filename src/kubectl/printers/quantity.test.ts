import { describe, expect, it } from 'vitest';
import { canonicalQuantity } from './quantity';

// Expected canonical forms from real kubectl v1.32: each input was set as a container limit with
// `kubectl set resources --local -f deploy.yaml --limits=cpu=<input> -o jsonpath=...`, which
// round-trips it through resource.Quantity.
const cases: [string, string][] = [
  ['1024Mi', '1Gi'],
  ['0.5', '500m'],
  ['1000m', '1'],
  ['2000', '2k'],
  ['1536Mi', '1536Mi'],
  ['0.5Gi', '512Mi'],
  ['1.5Gi', '1536Mi'],
  ['1e3', '1e3'],
  ['1.5e3', '1500'],
  ['0.0001', '100u'],
  ['0.5Ki', '512'],
  ['1.1Ki', '1126400m'],
  ['1.5k', '1500'],
  ['1000k', '1M'],
  ['2E', '2E'],
  ['1e-3', '1e-3'],
  ['100e6', '100e6'],
  ['0.0000000001', '1n'],
  ['-1.5Gi', '-1536Mi'],
  ['1e20', '100e18'],
  ['3e10', '30e9'],
];

describe('canonicalQuantity', () => {
  it.each(cases)('%s prints as %s', (input, output) => {
    expect(canonicalQuantity(input)).toBe(output);
  });
  it('prints 0 for zero and for a missing quantity', () => {
    expect(canonicalQuantity('0Gi')).toBe('0');
    expect(canonicalQuantity(undefined)).toBe('0');
  });
});
