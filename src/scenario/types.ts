/** The scenario contract (SCENARIOS.md): what a file holds once parsed and checked. */

export interface TextMatcher {
  equals?: string;
  contains?: string;
  notContains?: string;
  matches?: string;
}

export interface Expectation {
  stdout?: TextMatcher;
  stderr?: TextMatcher;
  exitCode: number;
}

export type Step =
  | { kind: 'kubectl'; args: string; stdin?: string; expect: Expectation }
  | { kind: 'sim'; args: string; expect: Expectation }
  | { kind: 'advance'; ms: number; text: string }
  | { kind: 'waitFor'; args: string; stdin?: string; expect: Expectation; withinMs: number; within: string };

export interface Scenario {
  file: string;
  name: string;
  seed: number;
  preset: string;
  steps: Step[];
}

export interface StepResult {
  index: number;
  kind: Step['kind'];
  passed: boolean;
  /** Simulated time since the scenario's first step, in milliseconds, when the step ended. */
  simTime: number;
  stdout: string;
  stderr: string;
  exitCode: number;
  message: string;
}

export interface ScenarioResult {
  file: string;
  name: string;
  passed: boolean;
  steps: StepResult[];
}
