// Lints the Firefox build of the extension with Mozilla's own checker (web-ext lint, i.e. addons-linter), the
// same checks addons.mozilla.org runs on upload. Runs offline. Fails on errors; prints warnings and notices.
// Usage: node scripts/lint-firefox.mjs [dir]   (default dist/extension/firefox; run `npm run build` first)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] ?? 'dist/extension/firefox');
if (!existsSync(path.join(dir, 'manifest.json'))) {
  console.error(`web-ext lint: ${dir} has no manifest.json. Run "npm run build" first.`);
  process.exit(1);
}

const bin = path.resolve('node_modules/.bin/web-ext');
const result = spawnSync(bin, ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery', '--no-input'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  env: { ...process.env, WEB_EXT_NO_UPDATE_NOTIFIER: '1', NO_UPDATE_NOTIFIER: '1' },
});

let report;
try {
  // web-ext may print a line before the JSON; the report is the outermost object.
  const text = result.stdout ?? '';
  report = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
} catch {
  console.error(`web-ext lint did not produce a report (exit ${result.status}).\n${result.stderr || result.stdout}`);
  process.exit(1);
}

const show = (level, messages) => {
  for (const m of messages) {
    const where = m.file ? ` ${m.file}${m.line ? `:${m.line}` : ''}` : '';
    console.log(`  ${level} ${m.code}${where}: ${m.message}`);
  }
};
console.log(`web-ext lint ${path.relative(process.cwd(), dir) || dir}`);
show('error  ', report.errors ?? []);
show('warning', report.warnings ?? []);
show('notice ', report.notices ?? []);
const { errors = 0, warnings = 0, notices = 0 } = report.summary ?? {};
console.log(`Firefox lint: ${errors} error(s), ${warnings} warning(s), ${notices} notice(s)${errors ? ' — FAILED' : ''}`);
process.exit(errors > 0 ? 1 : 0);
