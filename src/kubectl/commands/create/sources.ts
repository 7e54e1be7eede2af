import { isEnvVarName } from '../../../engine/api/names';
import type { Ctx } from '../../command';

/** One key and its content, from --from-literal, --from-file or --from-env-file. */
export interface Entry {
  key: string;
  value: string;
}

/** `key=value` (ParseLiteralSource). */
function parseLiteral(source: string): Entry {
  const i = source.indexOf('=');
  if (i <= 0) throw new Error(`invalid literal source ${source}, expected key=value`);
  return { key: source.slice(0, i), value: source.slice(i + 1) };
}

function basename(path: string): string {
  const parts = path.replace(/\/+$/, '').split('/');
  return parts[parts.length - 1];
}

/** The entries a set of --from-* flags give, in kubectl's order: files, then literals, then env files. */
export function readSources(ctx: Ctx, kind: 'configmap' | 'secret'): Entry[] {
  const f = ctx.flags;
  const fileSources = f.strings('from-file');
  const literalSources = f.strings('from-literal');
  const envFileSources = f.strings('from-env-file');
  if (envFileSources.length && (fileSources.length || literalSources.length)) {
    throw new Error('from-env-file cannot be combined with from-file or from-literal');
  }
  const out: Entry[] = [];
  for (const source of fileSources) {
    const eq = source.indexOf('=');
    const key = eq >= 0 ? source.slice(0, eq) : '';
    const path = eq >= 0 ? source.slice(eq + 1) : source;
    if (eq >= 0 && !key) throw new Error(`key name for file path ${path} missing`);
    if (eq >= 0 && !path) throw new Error(`file path for key name ${key} missing`);
    const entries = ctx.env.listDir?.(path);
    if (entries) {
      if (eq >= 0) throw new Error('cannot give a key name for a directory path');
      for (const name of entries) {
        const text = ctx.env.readFile?.(`${path.replace(/\/+$/, '')}/${name}`);
        if (text !== undefined) out.push({ key: name, value: text });
      }
      continue;
    }
    const text = ctx.env.readFile?.(path);
    if (text === undefined) throw new Error(`error reading ${path}: no such file or directory`);
    out.push({ key: key || basename(path), value: text });
  }
  for (const source of literalSources) out.push(parseLiteral(source));
  for (const path of envFileSources) {
    if (ctx.env.listDir?.(path)) throw new Error(`env ${kind === 'configmap' ? 'config' : 'secret'} file cannot be a directory`);
    const text = ctx.env.readFile?.(path);
    if (text === undefined) throw new Error(`error reading ${path}: no such file or directory`);
    text
      .replace(/^\uFEFF/, '')
      .split('\n')
      .forEach((raw) => {
        const line = raw.replace(/\r$/, '').trimStart();
        if (!line || line.startsWith('#')) return;
        const i = line.indexOf('=');
        const key = i < 0 ? line : line.slice(0, i);
        const errs = isEnvVarName(key);
        if (errs.length) throw new Error(`"${key}" is not a valid key name: ${errs.join(';')}`);
        out.push({ key, value: i < 0 ? '' : line.slice(i + 1) });
      });
  }
  return out;
}
