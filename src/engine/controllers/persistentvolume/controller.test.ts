import type { Event, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { describe, expect, it } from 'vitest';
import type { StatusError } from '../../api/status';
import { claimResizeAdmission, defaultStorageClassAdmission, storageProtectionAdmission } from '../../apiserver/admission/storage';
import { controllerHarness } from '../harness';
import { LocalPathProvisioner } from '../provisioner/localpath';
import { PVCProtectionController, PVProtectionController } from '../pvcprotection/controller';
import { PersistentVolumeController } from './controller';
import { ExpandController } from './expand';

function setup() {
  const h = controllerHarness(
    (c) => new PersistentVolumeController(c),
    (c) => new LocalPathProvisioner(c),
    (c) => new PVCProtectionController(c),
    (c) => new PVProtectionController(c),
    (c) => new ExpandController(c),
  );
  h.api.use(defaultStorageClassAdmission);
  h.api.use(storageProtectionAdmission);
  h.api.use(claimResizeAdmission);
  h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  h.api.create('nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1', labels: { 'kubernetes.io/hostname': 'worker-1' } } });
  const pv = (name: string, size: string, extra: Partial<PersistentVolume['spec']> = {}, labels?: Record<string, string>) =>
    h.api.create<PersistentVolume>('persistentvolumes', '', {
      metadata: { name, labels },
      spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/mnt/${name}` }, ...extra },
    });
  const pvc = (name: string, size: string, spec: Partial<PersistentVolumeClaim['spec']> = {}) =>
    h.api.create<PersistentVolumeClaim>('persistentvolumeclaims', 'default', {
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, ...spec },
    });
  const claim = (name: string) => h.api.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', name);
  const volume = (name: string) => h.api.find<PersistentVolume>('persistentvolumes', '', name);
  const events = (name: string) =>
    h.api
      .list<Event>('events', 'default')
      .items.filter((e) => e.involvedObject.name === name)
      .map((e) => `${e.type} ${e.reason} ${e.message}`);
  const standard = (extra: Partial<StorageClass> = {}) =>
    h.api.create<StorageClass>('storage.k8s.io/storageclasses', '', {
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      ...extra,
    });
  const podUsing = (name: string, claimName: string, nodeName?: string) =>
    h.api.create<Pod>('pods', 'default', {
      metadata: { name },
      spec: { nodeName, containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName } }] },
    });
  return { ...h, pv, pvc, claim, volume, events, standard, podUsing };
}

describe('PersistentVolume binder', () => {
  it('binds a claim to the smallest volume that fits, with the binding annotations, and a second pass writes nothing', () => {
    const h = setup();
    h.pv('small', '1Gi', { storageClassName: '' });
    h.pv('medium', '5Gi');
    h.pv('large', '10Gi');
    h.pvc('data', '3Gi', { storageClassName: '' });
    h.settle();
    const c = h.claim('data');
    expect(c.status).toMatchObject({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } });
    expect(c.spec?.volumeName).toBe('medium');
    expect(c.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(c.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const v = h.volume('medium');
    expect(v?.status?.phase).toBe('Bound');
    expect(v?.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(v?.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(v?.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: c.metadata.uid });
    expect(h.volume('small')?.status?.phase).toBe('Available');
    for (const ctl of h.controllers) expect(h.writesOnResync(ctl, ['claim:default/data', 'volume:medium', 'default/data', 'medium'])).toBe(false);
  });

  it('matches access modes (fewest modes first), selectors and volume modes', () => {
    const h = setup();
    h.pv('rwo-rox', '1Gi', { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] });
    h.pv('rwo', '2Gi');
    h.pv('labelled', '5Gi', {}, { tier: 'fast' });
    h.pv('block', '1Gi', { volumeMode: 'Block' });
    h.pvc('prefers-rwo', '1Gi', { storageClassName: '' });
    h.pvc('fast', '1Gi', { storageClassName: '', selector: { matchLabels: { tier: 'fast' } } });
    h.pvc('raw', '1Gi', { storageClassName: '', volumeMode: 'Block' });
    h.pvc('rwx', '1Gi', { storageClassName: '', accessModes: ['ReadWriteMany'] });
    h.settle();
    expect(h.claim('prefers-rwo').spec?.volumeName).toBe('rwo');
    expect(h.claim('fast').spec?.volumeName).toBe('labelled');
    expect(h.claim('raw').spec?.volumeName).toBe('block');
    expect(h.claim('rwx').status?.phase).toBe('Pending');
    expect(h.events('rwx')).toEqual(['Normal FailedBinding no persistent volumes available for this claim and no storage class is set']);
  });

  it('Retain keeps a released volume; Delete removes a /tmp hostPath volume and fails elsewhere', () => {
    const h = setup();
    h.pv('kept', '1Gi', { persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'a' });
    h.pv('scratch', '1Gi', { persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'b', hostPath: { path: '/tmp/scratch' } });
    h.pv('data', '1Gi', { persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'c', hostPath: { path: '/data' } });
    for (const [n, cls] of [['one', 'a'], ['two', 'b'], ['three', 'c']]) h.pvc(n, '1Gi', { storageClassName: cls });
    h.settle();
    for (const n of ['one', 'two', 'three']) h.api.delete('persistentvolumeclaims', 'default', n);
    h.settle();
    expect(h.volume('kept')?.status?.phase).toBe('Released');
    expect(h.volume('kept')?.spec?.claimRef?.name).toBe('one');
    expect(h.volume('scratch')).toBeUndefined();
    expect(h.volume('data')?.status).toMatchObject({ phase: 'Failed', message: 'host_path deleter only supports /tmp/.+ but received provided /data' });
    expect(h.events('data')).toEqual(['Warning VolumeFailedDelete host_path deleter only supports /tmp/.+ but received provided /data']);
  });

  it('a claim naming a volume that does not suit it gets VolumeMismatch', () => {
    const h = setup();
    h.pv('tiny', '1Gi');
    h.pvc('big', '5Gi', { storageClassName: '', volumeName: 'tiny' });
    h.settle();
    expect(h.claim('big').status?.phase).toBe('Pending');
    expect(h.events('big')).toEqual(['Warning VolumeMismatch Cannot bind to requested volume "tiny": requested PV is too small']);
  });
});

describe('dynamic provisioning (rancher.io/local-path, WaitForFirstConsumer)', () => {
  it('waits for a consumer, provisions on the selected node, binds, and cleans up after the pod and claim go', () => {
    const h = setup();
    h.standard();
    h.pvc('data', '1Gi');
    h.settle();
    expect(h.claim('data').spec?.storageClassName).toBe('standard');
    expect(h.events('data')).toEqual(['Normal WaitForFirstConsumer waiting for first consumer to be created before binding']);
    h.podUsing('writer', 'data');
    h.advance(15_000);
    expect(h.events('data')).toContain('Normal WaitForPodScheduled waiting for pod writer to be scheduled');

    // The scheduler picked worker-1 for the pod.
    const c = h.claim('data');
    h.api.update('persistentvolumeclaims', 'default', { ...c, metadata: { ...c.metadata, annotations: { 'volume.kubernetes.io/selected-node': 'worker-1' } } });
    h.settle();
    expect(h.claim('data').metadata.annotations).toMatchObject({
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    expect(h.claim('data').status?.phase).toBe('Pending');
    h.advance(3_000);
    const uid = h.claim('data').metadata.uid;
    const pv = h.volume(`pvc-${uid}`);
    expect(pv?.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'data', namespace: 'default', uid },
      hostPath: { path: `/var/local-path-provisioner/pvc-${uid}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-1'] }] }] } },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
    });
    expect(pv?.metadata.annotations).toEqual({ 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' });
    expect(pv?.status?.phase).toBe('Bound');
    expect(h.claim('data').status).toMatchObject({ phase: 'Bound', capacity: { storage: '1Gi' } });
    expect(h.claim('data').metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const evs = h.events('data');
    expect(evs).toContain(
      "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(evs).toContain('Normal Provisioning External provisioner is provisioning volume for claim "default/data"');
    expect(evs).toContain(`Normal ProvisioningSucceeded Successfully provisioned volume pvc-${uid}`);
    for (const ctl of h.controllers) expect(h.writesOnResync(ctl, ['claim:default/data', `volume:pvc-${uid}`, 'default/data', `pvc-${uid}`])).toBe(false);

    // In use: the claim stays Terminating until the pod is gone.
    h.api.bind('default', 'writer', 'worker-1');
    h.api.delete('persistentvolumeclaims', 'default', 'data');
    h.settle();
    expect(h.claim('data').metadata.deletionTimestamp).toBeDefined();
    h.api.delete('pods', 'default', 'writer', { gracePeriodSeconds: 0 });
    h.settle();
    expect(h.api.find('persistentvolumeclaims', 'default', 'data')).toBeUndefined();
    expect(h.volume(`pvc-${uid}`)?.status?.phase).toBe('Released');
    h.advance(2_000);
    expect(h.volume(`pvc-${uid}`)).toBeUndefined();
  });

  it('refuses what local-path cannot do, with its messages', () => {
    const h = setup();
    h.standard();
    const select = (name: string) => {
      const c = h.claim(name);
      h.api.update('persistentvolumeclaims', 'default', { ...c, metadata: { ...c.metadata, annotations: { 'volume.kubernetes.io/selected-node': 'worker-1' } } });
    };
    h.pvc('shared', '1Gi', { accessModes: ['ReadWriteMany'] });
    h.pvc('blk', '1Gi', { volumeMode: 'Block' });
    select('shared');
    select('blk');
    h.settle();
    expect(h.events('shared')).toContain(
      'Warning ProvisioningFailed failed to provision volume with StorageClass "standard": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes',
    );
    expect(h.events('blk')).toContain('Warning ProvisioningFailed rancher.io/local-path does not support block volume provisioning');
  });
});

describe('volume expansion', () => {
  function boundClaim(allowVolumeExpansion: boolean, csi = false) {
    const h = setup();
    h.standard({ volumeBindingMode: 'Immediate', allowVolumeExpansion, provisioner: csi ? 'ebs.csi.aws.com' : 'rancher.io/local-path' });
    h.pv('vol', '1Gi', {
      storageClassName: 'standard',
      ...(csi ? { hostPath: undefined, csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' } } : {}),
    });
    h.pvc('data', '1Gi');
    h.settle();
    expect(h.claim('data').status?.phase).toBe('Bound');
    const grow = () => {
      const c = h.claim('data');
      return h.api.update<PersistentVolumeClaim>('persistentvolumeclaims', 'default', { ...c, spec: { ...c.spec, resources: { requests: { storage: '2Gi' } } } });
    };
    return { h, grow };
  }

  it('is refused when the class does not allow it', () => {
    const { grow } = boundClaim(false);
    let err: StatusError | undefined;
    try {
      grow();
    } catch (e) {
      err = e as StatusError;
    }
    expect(err?.message).toBe(
      'persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  });

  it('waits for an external controller when nothing can resize the volume', () => {
    const { h, grow } = boundClaim(true);
    grow();
    h.settle();
    expect(h.events('data')).toContain('Normal ExternalExpanding waiting for an external controller to expand this PVC');
    expect(h.claim('data').status?.capacity?.storage).toBe('1Gi');
  });

  it("a CSI volume is grown by its driver's resizer", () => {
    const { h, grow } = boundClaim(true, true);
    grow();
    h.settle();
    expect(h.volume('vol')?.spec?.capacity?.storage).toBe('2Gi');
    expect(h.claim('data').status?.capacity?.storage).toBe('2Gi');
    expect(h.events('data')).toEqual(['Normal Resizing External resizer is resizing volume vol', 'Normal VolumeResizeSuccessful Resize volume succeeded']);
  });
});
