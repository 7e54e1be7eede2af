import { Cluster } from '../src/engine/sim/cluster';
import { type Figure, time } from './figures';
import { floorMs } from './floor.bench';
import { runRung, rungTag } from './ladder-core';

/** Simulated seconds per wall second for the idle default cluster over one simulated hour. */
export function idleHour(): Figure[] {
  const cluster = Cluster.create({ freezeObjects: false });
  const cpuStart = process.cpuUsage();
  const ms = time(() => cluster.advance(3_600_000));
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return [
    { name: 'cluster.idle-hour.cpu', value: +(cpuMs / 1000).toFixed(3), unit: 's' },
    { name: 'cluster.idle-hour.speed-per-cpu-second', value: Math.round(3_600_000 / cpuMs), unit: 'sim-s/cpu-s' },
    { name: 'cluster.idle-hour.wall', value: +(ms / 1000).toFixed(3), unit: 's' },
    { name: 'cluster.idle-hour.speed', value: Math.round(3_600_000 / ms), unit: 'sim-s/wall-s' },
  ];
}

function medianFloorMs(nodes: number, pods: number): number {
  const runs = [0, 1, 2, 3, 4].map(() => floorMs(nodes, pods)).sort((a, b) => a - b);
  return runs[2];
}

export function ladder(nodes: number, pods: number): Figure[] {
  let peak = 0;
  // CPU time as well as wall: on a shared machine the wall clock also counts other people's work.
  let cpuStart = process.cpuUsage();
  const { joinMs: setup, runningMs: ms, simMs } = runRung(nodes, pods, {
    phase: () => {
      peak = process.memoryUsage().rss;
      cpuStart = process.cpuUsage();
    },
    // Sampled once per simulated second, as the rung runs.
    sample: () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
  });
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const tag = rungTag(nodes, pods);
  return [
    { name: `cluster.ladder.${tag}.nodes-join-wall`, value: +(setup / 1000).toFixed(2), unit: 's' },
    { name: `cluster.ladder.${tag}.all-running-wall`, value: +(ms / 1000).toFixed(2), unit: 's' },
    { name: `cluster.ladder.${tag}.pods-per-wall-second`, value: Math.round(pods / (ms / 1000)), unit: 'pods/s' },
    { name: `cluster.ladder.${tag}.all-running-cpu`, value: +(cpuMs / 1000).toFixed(2), unit: 's' },
    { name: `cluster.ladder.${tag}.pods-per-cpu-second`, value: Math.round(pods / (cpuMs / 1000)), unit: 'pods/s' },
    { name: `cluster.ladder.${tag}.all-running-sim`, value: +(simMs / 1000).toFixed(0), unit: 'sim-s' },
    { name: `cluster.ladder.${tag}.peak-rss`, value: Math.round(peak / 1024 / 1024), unit: 'MiB' },
    // Our CPU time over the floor program's (median of 5 runs) for the same nodes and pods (aim: at most 10×).
    { name: `cluster.ladder.${tag}.vs-floor`, value: Math.round(cpuMs / medianFloorMs(nodes, pods)), unit: '×' },
  ];
}
