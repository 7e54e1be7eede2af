import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Clock } from '../sim/clock';
import { Random } from '../sim/random';
import { ApiServer } from './apiserver';
import { EventRecorder, LRU_ENTRIES } from './events';
import { ResourceRegistry } from './registry';
import { ObjectStore } from './store';

function recorder() {
  const api = new ApiServer(new ResourceRegistry(), new ObjectStore(), new Clock(Date.UTC(2025, 0, 6, 9)), new Random(1));
  api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const events = new EventRecorder(api);
  const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` } });
  const about = (name: string) => api.list<Event>('events', 'default').items.filter((e) => e.involvedObject.name === name);
  return { api, events, pod, about };
}

describe('event recorder', () => {
  it('counts an identical event instead of writing it again', () => {
    const { events, pod, about } = recorder();
    for (let i = 0; i < 3; i++) events.event(pod('web'), 'Warning', 'BackOff', 'Back-off restarting failed container', { component: 'kubelet', host: 'node-1' });
    expect(about('web').map((e) => e.count)).toEqual([3]);
  });

  it('forgets the least recently used key past client-go’s 4096 entries per source, as its correlator does', () => {
    const { events, pod, about } = recorder();
    const kubelet = { component: 'kubelet', host: 'node-1' };
    events.event(pod('first'), 'Normal', 'Pulled', 'pulled', kubelet);
    // Another source's events do not push it out.
    for (let i = 0; i < LRU_ENTRIES; i++) events.event(pod(`s-${i}`), 'Normal', 'Scheduled', 'bound', { component: 'default-scheduler' });
    events.event(pod('first'), 'Normal', 'Pulled', 'pulled', kubelet);
    expect(about('first').map((e) => e.count)).toEqual([2]);
    // 4096 other keys from the same source do.
    for (let i = 0; i < LRU_ENTRIES; i++) events.event(pod(`k-${i}`), 'Normal', 'Pulled', 'pulled', kubelet);
    events.event(pod('first'), 'Normal', 'Pulled', 'pulled', kubelet);
    expect(about('first').map((e) => e.count).sort()).toEqual([1, 2]);
  });

  it('keeps its memory across a snapshot', () => {
    const { api, events, pod, about } = recorder();
    events.event(pod('web'), 'Normal', 'Started', 'Started container web', { component: 'kubelet', host: 'node-1' });
    const again = new EventRecorder(api);
    again.restore(JSON.parse(JSON.stringify(events.snapshot())));
    again.event(pod('web'), 'Normal', 'Started', 'Started container web', { component: 'kubelet', host: 'node-1' });
    expect(about('web').map((e) => e.count)).toEqual([2]);
  });

  it('restores a snapshot saved before keys were hashed (whole keys with name and namespace)', () => {
    const { api, events, pod, about } = recorder();
    events.event(pod('web'), 'Normal', 'Started', 'Started container web', { component: 'kubelet', host: 'node-1' });
    const [saved] = api.list<Event>('events', 'default').items;
    const again = new EventRecorder(api);
    const key = 'kubelet\u0000node-1\u0000Pod\u0000default\u0000web\u0000uid-web\u0000\u0000Normal\u0000Started\u0000Started container web';
    again.restore({ seen: [[key, [saved.metadata?.name ?? '', 'default']]], seq: 1 });
    again.event(pod('web'), 'Normal', 'Started', 'Started container web', { component: 'kubelet', host: 'node-1' });
    expect(about('web').map((e) => e.count)).toEqual([2]);
  });

  it('does not count into an Event that is not the one its key stands for', () => {
    const { api, events, pod, about } = recorder();
    const kubelet = { component: 'kubelet', host: 'node-1' };
    events.event(pod('db'), 'Warning', 'BackOff', 'Back-off restarting failed container', kubelet);
    const [other] = api.list<Event>('events', 'default').items;
    // A remembered key that names another object's Event, as a hash collision would.
    const again = new EventRecorder(api);
    const key = 'kubelet\u0000node-1\u0000Pod\u0000default\u0000web\u0000uid-web\u0000\u0000Normal\u0000Started\u0000Started container web';
    again.restore({ seen: [[key, [other.metadata?.name ?? '', 'default']]], seq: 1 });
    again.event(pod('web'), 'Normal', 'Started', 'Started container web', kubelet);
    expect(about('db').map((e) => e.count)).toEqual([1]);
    expect(about('web').map((e) => e.count)).toEqual([1]);
  });
});
