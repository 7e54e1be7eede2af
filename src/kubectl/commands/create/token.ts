import type { AnyObject } from '../../../engine/api/types';
import type { Command, Ctx } from '../../command';
import { help } from '../../help/create-token';
import { parseFormat } from '../../output/format';
import { ObjectPrinter } from '../../output/print';
import { sha256Hex } from './hash';
import { nameArg } from './subcommand';

const BOUND_KINDS: Record<string, string> = { Node: 'nodes', Pod: 'pods', Secret: 'secrets' };
// kind clusters issue service account tokens as the in-cluster API address.
const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const DEFAULT_EXPIRATION_S = 3600;

const enc = new TextEncoder();
const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const b64json = (v: unknown) => base64url(enc.encode(JSON.stringify(v)));

/** Deterministic stand-in bytes (a token has to look signed; nothing verifies it here). */
function pseudoBytes(seed: string, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let block = sha256Hex(enc.encode(seed));
  for (let i = 0; i < n; i++) {
    if (i % 32 === 0 && i > 0) block = sha256Hex(enc.encode(block));
    out[i] = Number.parseInt(block.slice((i % 32) * 2, (i % 32) * 2 + 2), 16);
  }
  return out;
}

function uuidFrom(seed: string): string {
  const h = sha256Hex(enc.encode(seed));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The JWT the API server's TokenRequest would return: RS256 header, service account claims. */
function issueToken(ctx: Ctx, sa: AnyObject, audiences: string[], expirationS: number, bound?: { kind: string; object: AnyObject }): string {
  const now = Math.floor(ctx.now() / 1000);
  const meta = sa.metadata as { name: string; namespace: string; uid: string };
  const claims: Record<string, unknown> = {
    namespace: meta.namespace,
    ...(bound ? { [bound.kind.toLowerCase()]: { name: bound.object.metadata?.name, uid: bound.object.metadata?.uid } } : {}),
    serviceaccount: { name: meta.name, uid: meta.uid },
  };
  const payload = {
    aud: audiences.length ? audiences : [ISSUER],
    exp: now + expirationS,
    iat: now,
    iss: ISSUER,
    jti: uuidFrom(`${meta.uid}/${now}/jti`),
    'kubernetes.io': claims,
    nbf: now,
    sub: `system:serviceaccount:${meta.namespace}:${meta.name}`,
  };
  const header = { alg: 'RS256', kid: base64url(pseudoBytes('kid', 32)) };
  const signed = `${b64json(header)}.${b64json(payload)}`;
  return `${signed}.${base64url(pseudoBytes(signed, 256))}`;
}

export const createTokenCommand: Command = {
  name: 'token',
  help,
  run(ctx) {
    const name = nameArg(ctx);
    const f = ctx.flags;
    const duration = f.duration('duration');
    const audiences = f.strings('audience');
    const kind = f.string('bound-object-kind');
    const boundName = f.string('bound-object-name');
    const boundUid = f.string('bound-object-uid');
    if (duration < 0) throw new Error('--duration must be greater than or equal to 0');
    if (duration % 1000 !== 0) throw new Error('--duration cannot be expressed in units less than seconds');
    if (audiences.some((a) => a === '')) throw new Error('--audience must not be an empty string');
    if (!kind) {
      if (boundName) throw new Error('--bound-object-name can only be set if --bound-object-kind is provided');
      if (boundUid) throw new Error('--bound-object-uid can only be set if --bound-object-kind is provided');
    } else {
      if (!BOUND_KINDS[kind]) throw new Error(`supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).join(', ')}`);
      if (!boundName) throw new Error('--bound-object-name is required if --bound-object-kind is provided');
    }

    const fail = (e: unknown) => new Error(`failed to create token: ${e instanceof Error ? e.message : String(e)}`);
    let sa: AnyObject;
    let bound: { kind: string; object: AnyObject } | undefined;
    try {
      sa = ctx.api.get('serviceaccounts', ctx.namespace, name) as AnyObject;
      if (kind) {
        const object = ctx.api.get(BOUND_KINDS[kind], kind === 'Node' ? '' : ctx.namespace, boundName) as AnyObject;
        if (boundUid && object.metadata?.uid !== boundUid) {
          throw new Error(`the UID in the bound object reference (${boundUid}) does not match the UID in record. The object might have been deleted and then recreated`);
        }
        bound = { kind, object };
      }
    } catch (e) {
      throw fail(e);
    }
    const expirationS = duration > 0 ? duration / 1000 : DEFAULT_EXPIRATION_S;
    const token = issueToken(ctx, sa, audiences, expirationS, bound);
    if (f.string('output') === '') {
      // kubectl adds the newline only on a terminal, which is where the sandbox's output goes.
      ctx.io.out(`${token}\n`);
      return;
    }
    const spec: Record<string, unknown> = { audiences: audiences.length ? audiences : [ISSUER], expirationSeconds: expirationS };
    if (bound) spec.boundObjectRef = { kind, apiVersion: 'v1', name: boundName, ...(boundUid ? { uid: boundUid } : {}) };
    const expires = new Date((Math.floor(ctx.now() / 1000) + expirationS) * 1000).toISOString().replace('.000Z', 'Z');
    const request: AnyObject = {
        kind: 'TokenRequest',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { name, namespace: ctx.namespace, creationTimestamp: null as unknown as string },
        spec,
        status: { token, expirationTimestamp: expires },
    };
    new ObjectPrinter(ctx, parseFormat(ctx)).print(request, '');
  },
};
