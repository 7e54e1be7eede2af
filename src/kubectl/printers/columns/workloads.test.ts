import { describe, expect, it } from 'vitest';
import { cells, SOON } from './testutil';
import {
  daemonSetColumns,
  deploymentColumns,
  replicaSetColumns,
  replicationControllerColumns,
  statefulSetColumns,
} from './workloads';

// Expected cells from upstream printers_test.go (TestPrintDeployment, TestPrintDaemonSet,
// TestPrintReplicaSet, TestPrintReplicaSetList, TestPrintStatefulSet, TestPrintReplicationController).

const twoContainers = {
  spec: {
    containers: [
      { name: 'fake-container1', image: 'fake-image1' },
      { name: 'fake-container2', image: 'fake-image2' },
    ],
  },
};
const NAMES = 'fake-container1,fake-container2';
const IMAGES = 'fake-image1,fake-image2';
const fooBar = { matchLabels: { foo: 'bar' } };

const deployment = {
  metadata: { name: 'test1', creationTimestamp: SOON },
  spec: { replicas: 5, template: twoContainers, selector: fooBar },
  status: { replicas: 10, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 4 },
};

const daemonSet = {
  metadata: { name: 'test1', creationTimestamp: SOON },
  spec: { template: twoContainers, selector: fooBar },
  status: {
    currentNumberScheduled: 2,
    desiredNumberScheduled: 3,
    numberReady: 1,
    updatedNumberScheduled: 2,
    numberAvailable: 0,
  },
};

const replicaSet = {
  metadata: { name: 'test1', creationTimestamp: SOON },
  spec: { replicas: 5, template: twoContainers, selector: fooBar },
  status: { replicas: 5, readyReplicas: 2 },
};

const statefulSet = {
  metadata: { name: 'test1', creationTimestamp: SOON },
  spec: { replicas: 5, template: twoContainers },
  status: { replicas: 5, readyReplicas: 2 },
};

const rcTemplate = {
  metadata: { labels: { a: 'b' } },
  spec: { containers: [{ name: 'test', image: 'test_image' }], restartPolicy: 'Always' },
};

describe('deployment columns', () => {
  it('prints ready/desired, up-to-date and available', () => {
    expect(cells(deploymentColumns, deployment)).toEqual(['test1', '0/5', '2', '1', '0s']);
  });
  it('adds containers, images and the selector with -o wide', () => {
    expect(cells(deploymentColumns, deployment, { wide: true })).toEqual([
      'test1',
      '0/5',
      '2',
      '1',
      '0s',
      NAMES,
      IMAGES,
      'foo=bar',
    ]);
  });
});

describe('daemon set columns', () => {
  it('prints the scheduling counts and node selector', () => {
    expect(cells(daemonSetColumns, daemonSet)).toEqual(['test1', '3', '2', '1', '2', '0', '<none>', '0s']);
  });
  it('adds containers, images and the selector with -o wide', () => {
    expect(cells(daemonSetColumns, daemonSet, { wide: true })).toEqual([
      'test1',
      '3',
      '2',
      '1',
      '2',
      '0',
      '<none>',
      '0s',
      NAMES,
      IMAGES,
      'foo=bar',
    ]);
  });
  it('prints zero counts and <none> for an empty template', () => {
    const ds = {
      metadata: { name: 'daemonset2', creationTimestamp: SOON },
      spec: { template: {}, selector: fooBar },
      status: {
        currentNumberScheduled: 4,
        desiredNumberScheduled: 2,
        numberReady: 9,
        updatedNumberScheduled: 3,
        numberAvailable: 3,
      },
    };
    expect(cells(daemonSetColumns, ds)).toEqual(['daemonset2', '2', '4', '9', '3', '3', '<none>', '0s']);
  });
});

describe('replica set columns', () => {
  it('prints desired, current and ready', () => {
    expect(cells(replicaSetColumns, replicaSet)).toEqual(['test1', '5', '5', '2', '0s']);
  });
  it('adds containers, images and the selector with -o wide', () => {
    expect(cells(replicaSetColumns, replicaSet, { wide: true })).toEqual([
      'test1',
      '5',
      '5',
      '2',
      '0s',
      NAMES,
      IMAGES,
      'foo=bar',
    ]);
  });
});

describe('stateful set columns', () => {
  it('prints ready/desired', () => {
    expect(cells(statefulSetColumns, statefulSet)).toEqual(['test1', '2/5', '0s']);
  });
  it('adds containers and images with -o wide', () => {
    expect(cells(statefulSetColumns, statefulSet, { wide: true })).toEqual(['test1', '2/5', '0s', NAMES, IMAGES]);
  });
});

describe('replication controller columns', () => {
  const rc = (status?: object) => ({
    metadata: { name: 'rc1', namespace: 'test-namespace' },
    spec: { replicas: status ? 5 : 0, selector: { a: 'b' }, template: rcTemplate },
    ...(status ? { status } : {}),
  });
  it('prints zeros without a status', () => {
    expect(cells(replicationControllerColumns, rc())).toEqual(['rc1', '0', '0', '0', '<unknown>']);
  });
  it('prints desired, current and ready', () => {
    expect(cells(replicationControllerColumns, rc({ replicas: 3, readyReplicas: 1 }))).toEqual([
      'rc1',
      '5',
      '3',
      '1',
      '<unknown>',
    ]);
  });
  it('adds containers, images and the selector with -o wide', () => {
    expect(cells(replicationControllerColumns, rc({ replicas: 3, readyReplicas: 1 }), { wide: true })).toEqual([
      'rc1',
      '5',
      '3',
      '1',
      '<unknown>',
      'test',
      'test_image',
      'a=b',
    ]);
  });
  it('copes with an object that has almost nothing set', () => {
    const bare = { metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } }, spec: { replicas: 0 } };
    expect(cells(replicationControllerColumns, bare, { wide: true })).toEqual([
      '',
      '0',
      '0',
      '0',
      '<unknown>',
      '',
      '',
      '<none>',
    ]);
  });
});
