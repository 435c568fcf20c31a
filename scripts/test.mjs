// `npm test`: every suite, one after another, with a closing count. Chromium is found (or installed on
// Debian as root) before the browser suites so a missing browser is one clear message, not a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

const suites = [
  { name: 'core and CLI (vitest, Node)', cmd: 'npx', args: ['vitest', 'run'] },
  // Built first, so the tests of the built bundle (strict CSP with Trusted Types) run too.
  { name: 'browser (web-test-runner, Chromium)', cmd: 'npx', args: ['web-test-runner'], chromium: true, build: true },
];
if (existsSync('test/e2e/run.mjs')) {
  suites.push({ name: 'extension end-to-end (puppeteer-core, Chromium)', cmd: 'node', args: ['test/e2e/run.mjs'], chromium: true, build: true });
}
if (existsSync('extension/manifest.base.json')) {
  suites.push({ name: 'Firefox build (web-ext lint)', cmd: 'node', args: ['scripts/lint-firefox.mjs'], build: true });
}

let chromePath;
if (suites.some((s) => s.chromium)) {
  try {
    chromePath = findChromium();
  } catch (error) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}

let built = false;
const results = [];
for (const suite of suites) {
  if (suite.build && !built) {
    const b = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    built = true;
    if (b.status !== 0) {
      results.push({ name: 'build', ok: false });
      break;
    }
  }
  console.log(`\n── ${suite.name} ──`);
  const env = { ...process.env, ...(chromePath ? { CHROME_PATH: chromePath } : {}) };
  const r = spawnSync(suite.cmd, suite.args, { stdio: 'inherit', env });
  results.push({ name: suite.name, ok: r.status === 0 });
}

console.log('\n── summary ──');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}`);
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`suites: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
