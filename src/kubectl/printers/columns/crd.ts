import type { CustomResourceColumnDefinition } from 'kubernetes-types/apiextensions/v1';
import { translateTimestampSince } from '../duration';
import { formatGoFloat } from '../gofmt';
import { findJsonPathResults, formatJsonPathResults, type JsonPathTemplate, parseJsonPath } from '../jsonpath';
import { nameColumn } from './common';
import { nameAgeColumns } from './defaults';
import type { ColumnDef } from './types';

/** A cell of a typed printer column; values of the wrong type print empty. */
function typedCell(type: string, value: unknown, now: number): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? String(Math.trunc(value)) : '';
    case 'number':
      // Integers are converted to float64 and printed with %v, like any number.
      return typeof value === 'number' ? formatGoFloat(value) : '';
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : '';
    case 'date':
      if (typeof value !== 'string') return '';
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : translateTimestampSince(value, now);
    default:
      return '';
  }
}

function column(def: CustomResourceColumnDefinition): ColumnDef {
  let template: JsonPathTemplate | undefined;
  try {
    template = parseJsonPath(`{${def.jsonPath}}`);
  } catch {
    template = undefined;
  }
  return {
    name: def.name,
    wide: (def.priority ?? 0) > 0,
    cell: (o, now) => {
      if (!template) return '';
      let results: unknown[][];
      try {
        results = findJsonPathResults(template, o);
      } catch {
        return '';
      }
      if (results.length === 0 || results[0].length === 0) return '';
      // Only simple paths are allowed, so the first value is the one.
      const value = results[0][0];
      if (def.type === 'string') return formatJsonPathResults([value]);
      return typedCell(def.type, value, now);
    },
  };
}

/**
 * Columns of a custom resource from its CRD version's additionalPrinterColumns: NAME, then
 * each column. Without any, the API server shows NAME and AGE.
 */
export function customResourceColumns(defs: readonly CustomResourceColumnDefinition[] | undefined): ColumnDef[] {
  if (!defs || defs.length === 0) return nameAgeColumns;
  return [nameColumn, ...defs.map(column)];
}
