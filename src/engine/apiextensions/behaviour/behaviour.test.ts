import { describe, expect, it } from 'vitest';
import { type AnyObject, clone } from '../../api/types';
import { GarbageCollector } from '../../controllers/garbagecollector';
import { apiExtensionsHarness } from '../testing';
import { CRD_RESOURCE, type CRD } from '../types';
import { covers, MANAGED_BY_LABEL, merge } from './controller';
import { BEHAVIOUR_KEY, BEHAVIOUR_LABEL, parseBehaviour } from './spec';
import { render } from './template';

const websiteCRD: CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'websites.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'websites', singular: 'website', kind: 'Website' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  image: { type: 'string', default: 'nginx' },
                  replicas: { type: 'integer', default: 2 },
                },
              },
            },
          },
        },
      },
    ],
  },
};

const controllerYaml = `
forKind: Website
ensure:
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: "{{ .metadata.name }}"
      labels: {app: "{{ .metadata.name }}"}
    spec:
      replicas: "{{ .spec.replicas }}"
      selector: {matchLabels: {app: "{{ .metadata.name }}"}}
      template:
        metadata: {labels: {app: "{{ .metadata.name }}"}}
        spec:
          containers:
            - name: web
              image: "{{ .spec.image }}"
  - apiVersion: v1
    kind: Service
    metadata:
      name: "{{ .metadata.name }}"
    spec:
      selector: {app: "{{ .metadata.name }}"}
      ports: [{port: 80}]
`;

function behaviourConfigMap(text = controllerYaml) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'website-controller',
      namespace: 'kube-system',
      labels: { [BEHAVIOUR_LABEL]: 'true' },
    },
    data: { [BEHAVIOUR_KEY]: text },
  };
}

function setup() {
  const h = apiExtensionsHarness((ctx) => new GarbageCollector(ctx));
  h.api.create('configmaps', 'kube-system', behaviourConfigMap());
  h.api.create(CRD_RESOURCE, '', websiteCRD);
  h.settle();
  h.api.create('example.com/websites', 'default', {
    apiVersion: 'example.com/v1',
    kind: 'Website',
    metadata: { name: 'shop' },
    spec: { replicas: 3 },
  });
  h.settle();
  return h;
}

describe('templates', () => {
  it('keep the type of a whole placeholder and write others into text', () => {
    const src = {
      metadata: { name: 'shop' },
      spec: { replicas: 3, labels: { a: 'b' } },
    };
    expect(
      render(
        {
          n: '{{ .spec.replicas }}',
          s: 'web-{{ .metadata.name }}',
          m: '{{ .spec.labels }}',
          gone: '{{ .spec.none }}',
          d: '{{ .spec.none | default 5 }}',
        },
        src,
      ),
    ).toEqual({
      n: 3,
      s: 'web-shop',
      m: { a: 'b' },
      d: 5,
    });
  });

  it('are checked when the behaviour is read', () => {
    expect(parseBehaviour('forKind: Website\nensure: [{apiVersion: v1, kind: Service}]')).toEqual({
      error: 'controller.yaml: ensure[0]: metadata.name is required',
    });
    expect(parseBehaviour('ensure: []')).toEqual({
      error: 'controller.yaml: forKind: Required value',
    });
  });

  it('compare and merge as a subset of what the server stored', () => {
    const stored = {
      spec: {
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        type: 'ClusterIP',
      },
    };
    expect(covers(stored, { spec: { ports: [{ port: 80 }] } })).toBe(true);
    expect(covers(stored, { spec: { ports: [{ port: 81 }] } })).toBe(false);
    expect(merge(stored, { spec: { ports: [{ port: 81 }] } })).toEqual({
      spec: {
        ports: [{ port: 81, protocol: 'TCP', targetPort: 80 }],
        type: 'ClusterIP',
      },
    });
  });
});

describe('a controller written as data', () => {
  it('makes the objects its manifests describe, owned by the custom object', () => {
    const h = setup();
    const site = h.api.get<AnyObject>('example.com/websites', 'default', 'shop');
    const deploy = h.api.get<AnyObject>('apps/deployments', 'default', 'shop');
    expect(deploy.spec).toMatchObject({
      replicas: 3,
      template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    });
    expect(deploy.metadata.labels).toEqual({
      app: 'shop',
      [MANAGED_BY_LABEL]: 'website-controller',
    });
    expect(deploy.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'example.com/v1',
        kind: 'Website',
        name: 'shop',
        uid: site.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(h.api.get<AnyObject>('services', 'default', 'shop').spec).toMatchObject({ selector: { app: 'shop' }, ports: [{ port: 80 }] });
  });

  it('writes nothing when everything is in place', () => {
    const h = setup();
    const behaviour = h.controllers[4];
    expect(h.writesOnResync(behaviour, ['kube-system/website-controller', 'kube-system/website-controller|default/shop'])).toBe(false);
  });

  it('follows changes to the custom object and puts back what was changed or deleted', () => {
    const h = setup();
    const site = clone(h.api.get<AnyObject>('example.com/websites', 'default', 'shop'));
    site.spec = { ...(site.spec as object), replicas: 5 };
    h.api.update('example.com/websites', 'default', site);
    h.settle();
    expect(h.api.get<AnyObject>('apps/deployments', 'default', 'shop').spec).toMatchObject({ replicas: 5 });
    h.api.delete('services', 'default', 'shop');
    h.settle();
    expect(h.api.find('services', 'default', 'shop')).toBeDefined();
  });

  it('leaves the cleanup to the garbage collector when the custom object goes', () => {
    const h = setup();
    h.api.delete('example.com/websites', 'default', 'shop');
    h.settle();
    expect(h.api.find('apps/deployments', 'default', 'shop')).toBeUndefined();
    expect(h.api.find('services', 'default', 'shop')).toBeUndefined();
  });

  it('works for custom objects that existed before the behaviour, and reports a bad behaviour as an event', () => {
    const h = apiExtensionsHarness();
    h.api.create(CRD_RESOURCE, '', websiteCRD);
    h.settle();
    h.api.create('example.com/websites', 'default', {
      apiVersion: 'example.com/v1',
      kind: 'Website',
      metadata: { name: 'blog' },
      spec: {},
    });
    h.api.create('configmaps', 'kube-system', behaviourConfigMap('forKind: Website\nensure: nope'));
    h.settle();
    const events = h.api.list<AnyObject>('events', 'kube-system').items;
    expect(events.map((e) => [e.reason, e.message])).toEqual([['InvalidController', 'controller.yaml: ensure: must be a list of manifests']]);
    const cm = clone(h.api.get<AnyObject>('configmaps', 'kube-system', 'website-controller'));
    cm.data = { [BEHAVIOUR_KEY]: controllerYaml };
    h.api.update('configmaps', 'kube-system', cm);
    h.settle();
    expect(h.api.get<AnyObject>('apps/deployments', 'default', 'blog').spec).toMatchObject({ replicas: 2 });
  });
});
