import type { Container } from 'kubernetes-types/core/v1';
import type { KubeletCore } from './core';
import { goDuration } from './format';
import { defaultPullPolicy, type ImageRef, ImageRefError, normalized, parseImageRef } from './imageref';
import { lookupImage, PULL_BASE_MS, PULL_BYTES_PER_MS, pullError, type ResolvedImage } from './images';
import type { ContainerRuntime, MachineState, PodRuntime } from './state';
import { backoffNext } from './containers';

/**
 * The kubelet's image manager (EnsureImageExists): pull policy, the per-node image store,
 * serialized pulls, and the pull back-off that turns ErrImagePull into ImagePullBackOff.
 */
export type EnsureResult = { kind: 'ready'; image: ResolvedImage } | { kind: 'waiting' } | { kind: 'failed' };

/** `docker.io` for `registry-1.docker.io` and `index.docker.io` too: how `sim registry-down` names a registry. */
export function registryDomain(host: string): string {
  const h = host.toLowerCase();
  return h === 'registry-1.docker.io' || h === 'index.docker.io' ? 'docker.io' : h;
}

/** The host a pull talks to (Docker Hub's API lives at registry-1.docker.io). */
function apiHost(ref: ImageRef): string {
  return ref.domain === 'docker.io' ? 'registry-1.docker.io' : ref.domain;
}

function registryDown(core: KubeletCore, ref: ImageRef): boolean {
  const down = core.state.registriesDown ?? [];
  return down.includes('*') || down.includes(registryDomain(ref.domain));
}

/** What containerd reports when the registry answers 503 (an outage behind its load balancer). */
export function registryDownError(ref: ImageRef): string {
  const name = normalized(ref);
  const path = ref.path;
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": unexpected status from HEAD request to https://${apiHost(ref)}/v2/${path}/manifests/${ref.digest ?? ref.tag ?? 'latest'}: 503 Service Unavailable`;
}

export function imagePresent(m: MachineState, image: ResolvedImage): boolean {
  return !!m.images[image.imageID];
}

export function storeImage(m: MachineState, image: ResolvedImage): void {
  const rec = m.images[image.imageID];
  const names = rec ? rec.names : [image.imageID];
  if (!names.includes(image.name)) names.push(image.name);
  m.images[image.imageID] = { names, size: image.size };
}

/** Drive one container's image to ready; events and waiting reasons as the kubelet records them. */
export function ensureImage(core: KubeletCore, m: MachineState, rt: PodRuntime, c: ContainerRuntime, spec: Container): EnsureResult {
  const image = spec.image ?? '';
  const now = core.now();
  const setWaiting = (reason: string, message?: string) => {
    if (c.state !== 'terminated') {
      c.state = 'waiting';
      c.waiting = { reason, ...(message ? { message } : {}) };
    } else {
      // A restart that cannot pull: the last exit moves to lastState (convertToAPIContainerStatuses).
      c.lastTerminated = c.terminated;
      c.terminated = undefined;
      c.state = 'waiting';
      c.waiting = { reason, ...(message ? { message } : {}) };
    }
  };
  if (c.pulling) {
    if (now < c.pulling.done) return { kind: 'waiting' };
    return finishPull(core, m, rt, c, image, setWaiting);
  }
  let ref: ReturnType<typeof parseImageRef>;
  try {
    ref = parseImageRef(image);
  } catch (e) {
    const why = e instanceof ImageRefError ? e.message : 'invalid reference format';
    const msg = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${why}`;
    core.podEvent(m, rt, 'Warning', 'InspectFailed', msg, c.name);
    core.podEvent(m, rt, 'Warning', 'Failed', 'Error: InvalidImageName', c.name);
    setWaiting('InvalidImageName', msg);
    return { kind: 'failed' };
  }
  const resolved = lookupImage(ref);
  const present = resolved ? imagePresent(m, resolved) : false;
  const policy = spec.imagePullPolicy ?? defaultPullPolicy(image);
  if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
    if (present && resolved) {
      core.podEvent(m, rt, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, c.name);
      return { kind: 'ready', image: resolved };
    }
    const msg = `Container image "${image}" is not present with pull policy of Never`;
    core.podEvent(m, rt, 'Warning', 'ErrImageNeverPull', msg, c.name);
    core.podEvent(m, rt, 'Warning', 'Failed', 'Error: ErrImageNeverPull', c.name);
    setWaiting('ErrImageNeverPull', msg);
    return { kind: 'failed' };
  }
  const bo = c.pullBackoff;
  if (bo && now - bo.lastUpdate < bo.delay) {
    core.podEvent(m, rt, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, c.name);
    core.podEvent(m, rt, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.name);
    setWaiting('ImagePullBackOff', `Back-off pulling image "${image}": ErrImagePull: ${bo.error}`);
    return { kind: 'failed' };
  }
  core.podEvent(m, rt, 'Normal', 'Pulling', `Pulling image "${image}"`, c.name);
  const r = core.stream('image-pulls');
  const unavailable = registryDown(core, ref);
  const duration = unavailable
    ? 200 + r.int(400)
    : !resolved
    ? 500 + r.int(900)
    : present
      ? 250 + r.int(700)
      : Math.round((PULL_BASE_MS + resolved.size / PULL_BYTES_PER_MS) * (0.85 + 0.3 * r.next()));
  const start = Math.max(now, m.pullFreeAt);
  const done = start + duration;
  m.pullFreeAt = done;
  c.pulling = {
    requestedAt: now,
    startedAt: start,
    done,
    ok: !!resolved && !unavailable,
    image,
    ...(unavailable ? { error: registryDownError(ref) } : {}),
  };
  if (c.state === 'waiting') c.waiting = { reason: c.init ? 'PodInitializing' : 'ContainerCreating' };
  core.at(done, 'pulled', { key: rt.key, container: c.name });
  return { kind: 'waiting' };
}

function finishPull(
  core: KubeletCore,
  m: MachineState,
  rt: PodRuntime,
  c: ContainerRuntime,
  image: string,
  setWaiting: (reason: string, message?: string) => void,
): EnsureResult {
  const p = c.pulling as NonNullable<ContainerRuntime['pulling']>;
  c.pulling = undefined;
  const now = core.now();
  if (p.image !== image) return ensureImage(core, m, rt, c, { name: c.name, image });
  const resolved = p.ok ? lookupImage(image) : undefined;
  if (!resolved) {
    const err = p.error ?? pullError(image);
    core.podEvent(m, rt, 'Warning', 'Failed', `Failed to pull image "${image}": ${err}`, c.name);
    core.podEvent(m, rt, 'Warning', 'Failed', 'Error: ErrImagePull', c.name);
    const next = backoffNext(c.pullBackoff, now);
    c.pullBackoff = { ...next, error: err };
    setWaiting('ErrImagePull', err);
    return { kind: 'failed' };
  }
  storeImage(m, resolved);
  core.podEvent(
    m,
    rt,
    'Normal',
    'Pulled',
    `Successfully pulled image "${image}" in ${goDuration(p.done - p.startedAt)} (${goDuration(p.done - p.requestedAt)} including waiting). Image size: ${resolved.size} bytes.`,
    c.name,
  );
  c.pullBackoff = undefined;
  return { kind: 'ready', image: resolved };
}
