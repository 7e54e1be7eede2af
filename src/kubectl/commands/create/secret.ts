import { isConfigMapKey } from '../../../engine/api/names';
import type { Command, Ctx } from '../../command';
import { help } from '../../help/create-secret';
import { help as dockerHelp } from '../../help/create-secret-docker-registry';
import { help as genericHelp } from '../../help/create-secret-generic';
import { help as tlsHelp } from '../../help/create-secret-tls';
import { contentHash } from './hash';
import { type Entry, readSources } from './sources';
import { createGenerated, nameArg } from './subcommand';

/** Base64 of a string's UTF-8 bytes, as Go encodes []byte in JSON. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function secretObject(name: string, type: string, data: Record<string, string>): Record<string, unknown> {
  const obj: Record<string, unknown> = { apiVersion: 'v1', kind: 'Secret', metadata: { creationTimestamp: null, name } };
  if (Object.keys(data).length) obj.data = data;
  if (type) obj.type = type;
  return obj;
}

function addEntries(data: Record<string, string>, entries: Entry[]): void {
  for (const { key, value } of entries) {
    const errs = isConfigMapKey(key);
    if (errs.length) throw new Error(`"${key}" is not valid key name for a Secret ${errs.join(';')}`);
    if (key in data) throw new Error(`cannot add key ${key}, another key by that name already exists`);
    data[key] = base64(value);
  }
}

function create(ctx: Ctx, name: string, type: string, data: Record<string, string>): void {
  const obj = secretObject(name, type, data);
  if (ctx.flags.bool('append-hash')) {
    (obj.metadata as { name: string }).name = `${name}-${contentHash({ data, kind: 'Secret', name, type })}`;
  }
  createGenerated(ctx, obj, { resource: 'secrets', failure: (m) => `failed to create secret ${m}` });
}

const generic: Command = {
  name: 'generic',
  help: genericHelp,
  run(ctx) {
    const name = nameArg(ctx);
    const entries = readSources(ctx, 'secret');
    const data: Record<string, string> = {};
    addEntries(data, entries);
    create(ctx, name, ctx.flags.string('type'), data);
  },
};

const dockerRegistry: Command = {
  name: 'docker-registry',
  help: dockerHelp,
  run(ctx) {
    const name = nameArg(ctx);
    const f = ctx.flags;
    const data: Record<string, string> = {};
    if (f.strings('from-file').length) addEntries(data, readSources(ctx, 'secret'));
    else {
      if (!f.string('docker-username') || !f.string('docker-password')) {
        throw new Error('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
      }
      const user = f.string('docker-username');
      const password = f.string('docker-password');
      const entry: Record<string, string> = { username: user, password };
      if (f.string('docker-email')) entry.email = f.string('docker-email');
      entry.auth = base64(`${user}:${password}`);
      data['.dockerconfigjson'] = base64(JSON.stringify({ auths: { [f.string('docker-server')]: entry } }));
    }
    create(ctx, name, 'kubernetes.io/dockerconfigjson', data);
  },
};

const tls: Command = {
  name: 'tls',
  help: tlsHelp,
  required: ['cert', 'key'],
  run(ctx) {
    const name = nameArg(ctx);
    const read = (path: string) => {
      const text = ctx.env.readFile?.(path);
      if (text === undefined) throw new Error(`open ${path}: no such file or directory`);
      return text;
    };
    const cert = read(ctx.flags.string('cert'));
    const key = read(ctx.flags.string('key'));
    create(ctx, name, 'kubernetes.io/tls', { 'tls.crt': base64(cert), 'tls.key': base64(key) });
  },
};

export const createSecretCommand: Command = {
  name: 'secret',
  help,
  subcommands: [dockerRegistry, generic, tls],
};
