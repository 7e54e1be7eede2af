/**
 * Container image references as containerd reads them: `nginx` is `docker.io/library/nginx:latest`,
 * `registry.k8s.io/pause:3.10` stays as it is. The kubelet and the container status show the
 * normalized form; events show what the pod spec says.
 */
export interface ImageRef {
  /** `docker.io`, `registry.k8s.io` … */
  domain: string;
  /** `library/nginx`, `e2e-test-images/agnhost` */
  path: string;
  tag?: string;
  digest?: string;
}

export class ImageRefError extends Error {}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$/;

/** Parse and normalize a reference; throws ImageRefError with the message distribution/reference gives. */
export function parseImageRef(image: string): ImageRef {
  if (!image) throw new ImageRefError('invalid reference format');
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new ImageRefError('invalid reference format');
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new ImageRefError('invalid reference format');
  }
  let domain = 'docker.io';
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (!DOMAIN.test(domain)) throw new ImageRefError('invalid reference format');
  if (path.toLowerCase() !== path) {
    throw new ImageRefError(`invalid reference format: repository name (${path}) must be lowercase`);
  }
  if (!path?.split('/').every((c) => COMPONENT.test(c))) throw new ImageRefError('invalid reference format');
  if (!tag && !digest) tag = 'latest';
  return { domain, path, tag, digest };
}

/** `docker.io/library/nginx` */
export function repository(ref: ImageRef): string {
  return `${ref.domain}/${ref.path}`;
}

/** `docker.io/library/nginx:latest` (or `…@sha256:…` for digest references). */
export function normalized(ref: ImageRef): string {
  if (ref.digest && !ref.tag) return `${repository(ref)}@${ref.digest}`;
  return `${repository(ref)}:${ref.tag}`;
}

/** The pull policy Kubernetes defaults to for an image: Always for `:latest` (or no tag), else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  try {
    const ref = parseImageRef(image);
    return ref.tag === 'latest' && !ref.digest ? 'Always' : 'IfNotPresent';
  } catch {
    return 'IfNotPresent';
  }
}
