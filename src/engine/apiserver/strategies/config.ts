import type { ConfigMap, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { isConfigMapKey, utf8Bytes, utf8Length } from '../../api/names';
import { badRequest, type FieldError } from '../../api/status';
import type { KObject } from '../../api/types';
import type { Strategy } from '../strategy';
import { semanticEqual, sortedKeys, validateImmutable, ensureField } from './common';
import { fe, key } from './errors';

/** ConfigMaps, Secrets and ServiceAccounts. */

/** core.MaxSecretSize: ConfigMaps and Secrets hold at most 1 MiB. */
export const MAX_SECRET_SIZE = 1 << 20;
const IMMUTABLE = 'field is immutable when `immutable` is set';

function validateKeys(data: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(data)) for (const msg of isConfigMapKey(k)) errs.push(fe.invalid(key(path, k), k, msg));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// ConfigMap

export const configMapStrategy: Strategy<ConfigMap> = {
  defaults(cm) {
    for (const k of Object.keys(cm.binaryData ?? {})) {
      const at = base64Error(String(cm.binaryData?.[k] ?? ''));
      if (at !== undefined) decodeError(cm, `illegal base64 data at input byte ${at}`);
    }
  },
  validate(cm) {
    const errs = validateKeys(cm.data, 'data');
    let size = 0;
    for (const k of sortedKeys(cm.data)) {
      if (cm.binaryData && k in cm.binaryData) errs.push(fe.invalid(key('data', k), k, 'duplicate of key present in binaryData'));
      size += utf8Length(String(cm.data?.[k] ?? ''));
    }
    errs.push(...validateKeys(cm.binaryData, 'binaryData'));
    for (const k of sortedKeys(cm.binaryData)) size += base64Length(String(cm.binaryData?.[k] ?? ''));
    // Upstream reports the size on the whole object: an empty field path.
    if (size > MAX_SECRET_SIZE) errs.push(fe.tooLong('', MAX_SECRET_SIZE));
    return errs;
  },
  validateUpdate(cm, old) {
    if (!old.immutable) return [];
    const errs: FieldError[] = [];
    if (!cm.immutable) errs.push(fe.forbidden('immutable', IMMUTABLE));
    if (!semanticEqual(cm.data ?? {}, old.data ?? {})) errs.push(fe.forbidden('data', IMMUTABLE));
    if (!semanticEqual(cm.binaryData ?? {}, old.binaryData ?? {})) errs.push(fe.forbidden('binaryData', IMMUTABLE));
    return errs;
  },
};

// ---------------------------------------------------------------------------------------------
// Secret

const B64 = /^[A-Za-z0-9+/]$/;

/**
 * The decoder's check of a `[]byte` field (standard base64 with padding): undefined when
 * valid, else the byte offset Go's decoder reports.
 */
export function base64Error(s: string): number | undefined {
  let i = 0;
  while (i < s.length) {
    const start = i;
    let n = 0;
    let pad = 0;
    while (n < 4 && i < s.length) {
      const c = s[i];
      if (c === '\n' || c === '\r') {
        i++;
        continue;
      }
      if (c === '=') {
        if (n < 2) return i;
        pad++;
        n++;
        i++;
        continue;
      }
      if (pad > 0 || !B64.test(c)) return i;
      n++;
      i++;
    }
    if (n === 0) return undefined;
    if (n < 4) return start;
    if (pad > 0 && i < s.length) return i;
  }
  return undefined;
}

function base64Length(s: string): number {
  const clean = s.replace(/[\r\n]/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

function toBase64(text: string): string {
  const bytes = utf8Bytes(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function decodeError(obj: KObject, msg: string): never {
  throw badRequest(`${obj.kind} in version "v1" cannot be handled as a ${obj.kind}: ${msg}`);
}

/** Go's json.Unmarshal error for the few shapes a learner is likely to write. */
function jsonError(text: string): string | undefined {
  try {
    const v = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      return `json: cannot unmarshal ${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v} into Go value of type map[string]interface {}`;
    }
    return undefined;
  } catch {
    if (text.trim() === '') return 'unexpected end of JSON input';
    const c = text.trim()[0];
    return `invalid character '${c}' looking for beginning of value`;
  }
}

function decodeBase64(s: string): string {
  try {
    const bin = atob(s.replace(/[\r\n]/g, ''));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return '';
  }
}

const TYPES_REQUIRING: Record<string, string> = {
  'kubernetes.io/dockercfg': '.dockercfg',
  'kubernetes.io/dockerconfigjson': '.dockerconfigjson',
};

export const secretStrategy: Strategy<Secret> = {
  defaults(secret) {
    // Decoding: data values must be base64, and stringData is merged into data (it wins).
    for (const k of Object.keys(secret.data ?? {})) {
      const at = base64Error(String(secret.data?.[k] ?? ''));
      if (at !== undefined) decodeError(secret, `illegal base64 data at input byte ${at}`);
    }
    if (secret.stringData) {
      const data = ensureField(secret, 'data', {});
      for (const [k, v] of Object.entries(secret.stringData)) data[k] = toBase64(String(v));
      delete secret.stringData;
    }
    secret.type ||= 'Opaque';
  },
  validate(secret) {
    const errs = validateKeys(secret.data, 'data');
    let size = 0;
    for (const k of sortedKeys(secret.data)) size += base64Length(String(secret.data?.[k] ?? ''));
    if (size > MAX_SECRET_SIZE) errs.push(fe.tooLong('data', MAX_SECRET_SIZE));
    const data = secret.data ?? {};
    switch (secret.type) {
      case 'kubernetes.io/service-account-token':
        if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name']) {
          errs.push(fe.required('metadata.annotations[kubernetes.io/service-account.name]'));
        }
        break;
      case 'kubernetes.io/dockercfg':
      case 'kubernetes.io/dockerconfigjson': {
        const k = TYPES_REQUIRING[secret.type];
        if (!(k in data)) errs.push(fe.required(key('data', k)));
        else {
          const err = jsonError(decodeBase64(data[k]));
          if (err) errs.push(fe.invalid(key('data', k), '<secret contents redacted>', err));
        }
        break;
      }
      case 'kubernetes.io/basic-auth':
        if (!('username' in data) && !('password' in data)) {
          errs.push(fe.required(key('data', 'username')), fe.required(key('data', 'password')));
        }
        break;
      case 'kubernetes.io/ssh-auth':
        if (!data['ssh-privatekey']) errs.push(fe.required(key('data', 'ssh-privatekey')));
        break;
      case 'kubernetes.io/tls':
        if (!('tls.crt' in data)) errs.push(fe.required(key('data', 'tls.crt')));
        if (!('tls.key' in data)) errs.push(fe.required(key('data', 'tls.key')));
        break;
    }
    return errs;
  },
  validateUpdate(secret, old) {
    const errs = validateImmutable(secret.type ?? '', old.type ?? '', 'type');
    if (old.immutable) {
      if (!secret.immutable) errs.push(fe.forbidden('immutable', IMMUTABLE));
      if (!semanticEqual(secret.data ?? {}, old.data ?? {})) errs.push(fe.forbidden('data', IMMUTABLE));
    }
    return errs;
  },
  fieldValues(secret) {
    return { type: secret.type ?? '' };
  },
};

// ---------------------------------------------------------------------------------------------
// ServiceAccount

export const serviceAccountStrategy: Strategy<ServiceAccount> = {};
