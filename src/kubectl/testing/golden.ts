import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One command as the real kubectl v1.32 answered it (recorded by running the binary). */
export interface GoldenCase {
  argv: string[];
  stdin?: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function loadGolden(name: string): GoldenCase[] {
  const path = fileURLToPath(new URL(`../testdata/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as GoldenCase[];
}
