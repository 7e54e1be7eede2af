import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../engine/api/types';
import type { ColumnDef } from './columns/types';
import { escapeCell, printTable, type TableOptions } from './table';

// The fake API server answered `kubectl get` with these Tables (column definitions and cells);
// `out` is what kubectl v1.32 printed for them with the given flags (see testdata/README.md).
// The test rebuilds the same cells through ColumnDefs and checks that printTable lays them out
// exactly as kubectl did.
interface Column {
  name: string;
  priority: number;
  format: string;
}
interface Table {
  columns: Column[];
  rows: { cells: unknown[]; object: KObject }[];
}
const fixture = JSON.parse(readFileSync(new URL('./testdata/table-cases.json', import.meta.url), 'utf8')) as {
  tables: Record<string, Table>;
  cases: { table: string; args: string[]; names: string[]; out: string }[];
  multiKind: { out: string };
};

/** A cell as kubectl prints a Table cell: strings as they are, numbers and booleans with %v, null as nothing. */
const cellText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function columnsOf(table: Table): ColumnDef[] {
  return table.columns.map((c, i) => ({
    name: c.name,
    wide: c.priority > 0,
    format: c.format === 'name' ? 'name' : undefined,
    cell: (o: KObject) => cellText(table.rows.find((r) => r.object.metadata?.name === o.metadata?.name)?.cells[i]),
  }));
}

function optionsOf(args: string[]): TableOptions {
  const opts: TableOptions = { now: 0 };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o' && args[i + 1] === 'wide') opts.wide = true;
    if (args[i] === '--no-headers') opts.noHeaders = true;
    if (args[i] === '-A') opts.withNamespace = true;
    if (args[i] === '--show-labels') opts.showLabels = true;
    if (args[i] === '-L') opts.labelColumns = args[i + 1].split(',');
  }
  return opts;
}

describe('printTable matches kubectl layout', () => {
  it.each(fixture.cases.map((c) => [`${c.table} ${c.args.join(' ')}`, c] as const))('%s', (_name, c) => {
    const table = fixture.tables[c.table];
    const objects = c.names.map((n) => table.rows.find((r) => r.object.metadata?.name === n)?.object as KObject);
    expect(printTable(objects, columnsOf(table), optionsOf(c.args))).toBe(c.out);
  });

  it('prefixes names with the kind when several kinds are printed (kubectl get pods,deployments)', () => {
    const pods = fixture.tables.short;
    const deployments: Table = {
      columns: [
        { name: 'Name', priority: 0, format: 'name' },
        { name: 'Ready', priority: 0, format: '' },
        { name: 'Age', priority: 0, format: '' },
      ],
      rows: [
        {
          cells: ['web', '3/3', '5m'],
          object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
        },
      ],
    };
    const first = printTable(
      pods.rows.map((r) => r.object),
      columnsOf(pods),
      { now: 0, kindPrefix: 'pod' },
    );
    const second = printTable(
      deployments.rows.map((r) => r.object),
      columnsOf(deployments),
      { now: 0, kindPrefix: 'deployment.apps' },
    );
    // kubectl separates the tables of different kinds with an empty line.
    expect(`${first}\n${second}`).toBe(fixture.multiKind.out);
  });

  it('prints nothing for no objects (kubectl then says "No resources found")', () => {
    expect(printTable([], columnsOf(fixture.tables.short), { now: 0 })).toBe('');
  });
});

describe('escapeCell', () => {
  it('cuts at a line break and shows escapes as kubectl does', () => {
    expect(escapeCell('line1\nline2')).toBe('line1...');
    expect(escapeCell('a\x1bb\rc')).toBe('a^[b...');
    expect(escapeCell('pre\fpost')).toBe('pre...');
    expect(escapeCell('plain')).toBe('plain');
  });
});
