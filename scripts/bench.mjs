// `npm run bench`: runs every benchmark in test/bench/ in turn and prints its numbers. Benchmarks that
// need the built bundles or the feed get them: the build runs first when dist/ is missing.
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const only = process.argv.slice(2);
const files = readdirSync('test/bench')
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (!existsSync('dist/feed/catalog.json') || !existsSync('dist/lib/index.js')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n━━ ${file} ━━`);
  const runner = file.endsWith('.ts') ? ['npx', ['tsx', `test/bench/${file}`]] : ['node', [`test/bench/${file}`]];
  const result = spawnSync(runner[0], runner[1], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`${file} did not finish (exit ${result.status}).`);
  }
}
process.exit(failed ? 1 : 0);
