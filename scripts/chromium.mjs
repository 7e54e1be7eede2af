// Where the browser tests find a Chromium: CHROME_PATH, the system's chromium or Chrome,
// then Playwright's own download; as root on Debian it can install the chromium package.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function playwrightsOwn() {
  try {
    const out = execFileSync('node', ['-e', "const {chromium}=require('playwright-core');process.stdout.write(chromium.executablePath())"], { stdio: ['ignore', 'pipe', 'ignore'] });
    const path = out.toString().trim();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function findChromium({ install = false } = {}) {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  for (const c of CANDIDATES) if (existsSync(c)) return c;
  const own = playwrightsOwn();
  if (own) return own;
  if (install && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian\'s chromium for the browser tests…');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit' });
    if (r.status === 0 && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  if (install) {
    const r = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
    if (r.status === 0) return playwrightsOwn();
  }
  return undefined;
}
