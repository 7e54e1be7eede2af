import type { Ctx } from '../command';
import { fatal } from '../errors';

export type Format =
  | { type: 'default' }
  | { type: 'wide' }
  | { type: 'json' }
  | { type: 'yaml' }
  | { type: 'name' }
  | { type: 'jsonpath'; template: string; asJson: boolean }
  | { type: 'custom-columns'; spec: string }
  | { type: 'go-template'; template: string };

const OBJECT_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';
const GET_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/**
 * Read -o/--output (and --template) as kubectl's PrintFlags do. `table` commands (get) also
 * accept wide and custom-columns; the others print objects only.
 */
export function parseFormat(ctx: Ctx, table = false): Format {
  const raw = ctx.flags.spec('output') ? ctx.flags.string('output') : '';
  const templateFlag = ctx.flags.spec('template') ? ctx.flags.string('template') : '';
  let name = raw;
  let arg = '';
  const eq = raw.indexOf('=');
  if (eq >= 0) {
    name = raw.slice(0, eq);
    arg = raw.slice(eq + 1);
  }
  if (name === '' && templateFlag) name = 'go-template';
  const template = () => {
    const t = arg || templateFlag;
    if (!t) throw fatal('template format specified but no template given');
    return t;
  };
  const fromFile = () => {
    const path = arg || templateFlag;
    if (!path) throw fatal('template format specified but no template given');
    const text = ctx.env.readFile?.(path);
    if (text === undefined) throw fatal(`error reading --template ${path}, open ${path}: no such file or directory`);
    return text;
  };
  switch (name) {
    case '':
      return { type: 'default' };
    case 'json':
    case 'yaml':
    case 'name':
      return { type: name };
    case 'jsonpath':
      return { type: 'jsonpath', template: template(), asJson: false };
    case 'jsonpath-as-json':
      return { type: 'jsonpath', template: template(), asJson: true };
    case 'jsonpath-file':
      return { type: 'jsonpath', template: fromFile(), asJson: false };
    case 'go-template':
    case 'template':
      return { type: 'go-template', template: template() };
    case 'go-template-file':
    case 'templatefile':
      return { type: 'go-template', template: fromFile() };
  }
  if (table) {
    if (name === 'wide' && eq < 0) return { type: 'wide' };
    if (name === 'custom-columns') {
      if (!arg) throw fatal('custom-columns format specified but no custom columns given');
      return { type: 'custom-columns', spec: arg };
    }
    if (name === 'custom-columns-file') {
      const text = ctx.env.readFile?.(arg);
      if (text === undefined) throw fatal(`open ${arg}: no such file or directory`);
      return { type: 'custom-columns', spec: text };
    }
  }
  throw fatal(
    `unable to match a printer suitable for the output format "${raw}", allowed formats are: ${table ? GET_FORMATS : OBJECT_FORMATS}`,
  );
}
