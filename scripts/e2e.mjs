#!/usr/bin/env node
// Runs the Playwright suite if a Chromium can be found (or installed), else says why and fails.
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

const chromium = findChromium({ install: true });
if (!chromium) {
  console.error('No Chromium found. Set CHROME_PATH, install Debian\'s chromium (apt-get install -y chromium), or run `npx playwright install chromium` where downloads are allowed.');
  process.exit(1);
}
const r = spawnSync('npx', ['playwright', 'test'], { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chromium } });
process.exit(r.status ?? 1);
