import { describe, expect, it } from 'vitest';
import { customResourceColumns } from './crd';
import { ago, cells, MIN } from './testutil';

// Cells as the apiextensions table convertor computes them for additionalPrinterColumns
// (cellForJSONValue: typed values, nil for a mismatch, "<invalid>" for a bad date), and as
// kubectl then prints them (nil as empty).

const columns = customResourceColumns([
  { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
  { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio' },
  { name: 'Enabled', type: 'boolean', jsonPath: '.spec.enabled' },
  { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
  { name: 'Started', type: 'date', jsonPath: '.status.startedAt' },
  { name: 'Owner', type: 'string', jsonPath: '.spec.owner', priority: 1 },
]);

describe('custom resource columns', () => {
  it('names the columns as the CRD does', () => {
    expect(columns.map((c) => c.name)).toEqual(['Name', 'Replicas', 'Ratio', 'Enabled', 'Phase', 'Started', 'Owner']);
  });

  it('prints typed values', () => {
    const cr = {
      metadata: { name: 'a' },
      spec: { replicas: 3, ratio: 1.5, enabled: true, owner: 'me' },
      status: { phase: 'Ready', startedAt: ago(5 * MIN) },
    };
    expect(cells(columns, cr)).toEqual(['a', '3', '1.5', 'true', 'Ready', '5m']);
    expect(cells(columns, cr, { wide: true })).toEqual(['a', '3', '1.5', 'true', 'Ready', '5m', 'me']);
  });

  it('converts between integer and number, prints strings columns of other types as JSONPath does', () => {
    const cr = { metadata: { name: 'b' }, spec: { replicas: 2.7, ratio: 4 }, status: { phase: 7 } };
    expect(cells(columns, cr)).toEqual(['b', '2', '4', '', '7', '']);
  });

  it('prints nothing for missing or mistyped values and <invalid> for a bad date', () => {
    const cr = {
      metadata: { name: 'c' },
      spec: { replicas: 'three', enabled: 'yes' },
      status: { startedAt: 'yesterday' },
    };
    expect(cells(columns, cr)).toEqual(['c', '', '', '', '', '<invalid>']);
  });

  it('falls back to NAME and AGE without printer columns', () => {
    const cr = { metadata: { name: 'd', creationTimestamp: ago(5 * MIN) } };
    expect(cells(customResourceColumns(undefined), cr)).toEqual(['d', '5m']);
    expect(cells(customResourceColumns([]), cr)).toEqual(['d', '5m']);
  });
});
