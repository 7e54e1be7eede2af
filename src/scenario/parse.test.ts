import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioFormatError } from './parse';

const parse = (text: string) => parseScenario(text, 'x.yaml');

describe('parseScenario', () => {
  it('reads the example of the scenario contract', () => {
    const s = parse(`
name: Drain respects a PodDisruptionBudget
cluster: {seed: 7, preset: default}
steps:
  - kubectl: create deployment web --image=nginx --replicas=3
  - kubectl: apply -f -
    stdin: |
      kind: PodDisruptionBudget
  - advance: 1m
  - kubectl: get deploy web -o jsonpath={.status.availableReplicas}
    expect: "3"
  - sim: node-down worker-2
  - waitFor:
      kubectl: get node worker-2
      expect: Unknown
      within: 2m
  - kubectl: delete pod does-not-exist
    expect:
      exitCode: 1
      stderr: {contains: 'pods "does-not-exist" not found'}
`);
    expect(s.seed).toBe(7);
    expect(s.steps.map((x) => x.kind)).toEqual(['kubectl', 'kubectl', 'advance', 'kubectl', 'sim', 'waitFor', 'kubectl']);
    expect(s.steps[2]).toMatchObject({ kind: 'advance', ms: 60_000 });
    expect(s.steps[3]).toMatchObject({ expect: { stdout: { equals: '3' }, exitCode: 0 } });
    expect(s.steps[5]).toMatchObject({ kind: 'waitFor', withinMs: 120_000, expect: { stdout: { equals: 'Unknown' } } });
    expect(s.steps[6]).toMatchObject({ expect: { exitCode: 1, stderr: { contains: 'pods "does-not-exist" not found' } } });
  });

  it('defaults seed 1 and preset default; a bare step passes on exit code 0', () => {
    const s = parse('name: n\nsteps:\n  - kubectl: get pods\n');
    expect(s).toMatchObject({ seed: 1, preset: 'default', steps: [{ expect: { exitCode: 0 } }] });
  });

  it('reads number expectations as text', () => {
    const s = parse('name: n\nsteps:\n  - kubectl: get x\n    expect: 3\n');
    expect(s.steps[0]).toMatchObject({ expect: { stdout: { equals: '3' } } });
  });

  it('an unquoted comma in a flow mapping stays part of the text', () => {
    const s = parse('name: n\nsteps:\n  - kubectl: get pods --show-labels\n    expect: {contains: app=web,tier=front}\n');
    expect(s.steps[0]).toMatchObject({ expect: { stdout: { contains: 'app=web,tier=front' } } });
    const t = parse('name: n\nsteps:\n  - kubectl: x\n    expect: {exitCode: 1, stderr: {contains: a,b,c}}\n');
    expect(t.steps[0]).toMatchObject({ expect: { exitCode: 1, stderr: { contains: 'a,b,c' } } });
  });

  it.each([
    ['steps:\n  - kubectl: x\n', 'x.yaml: file: name is required'],
    ['name: n\n', 'x.yaml: file: steps must be a non-empty list'],
    ['name: n\nsteps:\n  - kubectl: a\n  - advance: soon\n', 'x.yaml: step 2: "soon" is not a duration'],
    ['name: n\nsteps:\n  - kubectl: a\n    sim: b\n', 'x.yaml: step 1: a step has exactly one of kubectl, sim, advance, waitFor (found kubectl, sim)'],
    ['name: n\nsteps:\n  - kubectl: a\n    expect: {startsWith: x}\n', 'x.yaml: step 1: unknown expect key "startsWith"'],
    ['name: n\nsteps:\n  - waitFor: {kubectl: a, expect: b}\n', 'x.yaml: step 1: waitFor needs within: DURATION'],
    ['name: n\nsteps:\n  - kubectl: a\n    expect: {matches: "("}\n', 'x.yaml: step 1: "matches" is not a valid regular expression'],
    ['name: [\n', 'x.yaml: YAML:'],
    ['- a\n', 'x.yaml: file: a scenario is a mapping'],
  ])('rejects %j', (text, message) => {
    expect(() => parse(text)).toThrow(ScenarioFormatError);
    expect(() => parse(text)).toThrow(message);
  });
});
