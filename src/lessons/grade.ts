import type { Cluster } from '../engine/sim/cluster';
import { type CheckResult, clusterReader, evaluateCheck } from './checks';
import type { Lesson } from './types';

export interface TaskGrade {
  id: string;
  passed: boolean;
  result: CheckResult;
}

/**
 * The autograder: every task's check against a learner's cluster as it is. Progress the export may
 * carry is not consulted, so editing it changes nothing here.
 */
export async function gradeCluster(lesson: Lesson, cluster: Cluster): Promise<TaskGrade[]> {
  const grades: TaskGrade[] = [];
  const read = clusterReader(cluster);
  for (const task of lesson.tasks) {
    const result = await evaluateCheck(read, task.check);
    grades.push({ id: task.id, passed: result.passed, result });
  }
  return grades;
}
