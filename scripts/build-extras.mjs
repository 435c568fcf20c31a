// Build steps after the bundles: the demo pages, the sample LMS pages and the custom-elements manifest.
// Each runs only when its sources exist.
import { cp, mkdir } from 'node:fs/promises';
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
  await mkdir('dist/demo/lms', { recursive: true });
  await cp('extension/demo-lms', 'dist/demo/lms', { recursive: true });
  console.log('  sample LMS pages → dist/demo/lms/');
}
if (existsSync('widgets/index.ts')) {
  const result = spawnSync('npx', ['custom-elements-manifest', 'analyze', '--litelement', '--globs', 'widgets/**/*.ts', '--exclude', 'widgets/**/*.test.ts', 'widgets/demo/**', '--outdir', 'dist/widgets'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log('  custom-elements manifest → dist/widgets/custom-elements.json');
}
