// Build steps after the bundles: the demo pages, the sample LMS pages and the custom-elements manifest.
// Each runs only when its sources exist.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (existsSync('widgets/demo')) {
  await mkdir('dist/demo', { recursive: true });
  await cp('widgets/demo', 'dist/demo', { recursive: true });
  // The calendar's sample school calendar (example data, labelled as such on the demo page).
  if (existsSync('widgets/calendar/demo')) await cp('widgets/calendar/demo', 'dist/demo', { recursive: true });
  console.log('  demo pages → dist/demo/');
}
if (existsSync('extension/demo-lms')) {
  // The sample LMS pages are the extension's end-to-end fixtures (one source), with a demo banner and
  // links between the pages instead of the LMS paths the tests serve them under.
  await mkdir('dist/demo/lms', { recursive: true });
  await cp('extension/demo-lms/index.html', 'dist/demo/lms/index.html');
  const { banner, pages } = JSON.parse(await readFile('extension/demo-lms/pages.json', 'utf8'));
  for (const { page, from, links = {} } of pages) {
    let html = await readFile(`test/e2e/fixtures/pages/${from}`, 'utf8');
    for (const [lmsPath, demoPage] of Object.entries(links)) html = html.replaceAll(`href="${lmsPath}"`, `href="${demoPage}"`);
    html = html.replace(/(<body[^>]*>\n)/, `$1${banner}\n`);
    await writeFile(`dist/demo/lms/${page}`, html);
  }
  console.log(`  sample LMS pages (${pages.length}, from test/e2e/fixtures/pages) → dist/demo/lms/`);
}
if (existsSync('widgets/index.ts')) {
  const result = spawnSync('npx', ['custom-elements-manifest', 'analyze', '--litelement', '--globs', 'widgets/**/*.ts', '--exclude', 'widgets/**/*.test.ts', 'widgets/demo/**', '--outdir', 'dist/widgets'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log('  custom-elements manifest → dist/widgets/custom-elements.json');
}
