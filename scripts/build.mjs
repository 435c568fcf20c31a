// `npm run build`: the published feed from content/, then the bundles (rollup), then the pages that list
// them. Each step stops the build on failure with its own message.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';

function run(what, cmd, args) {
  console.log(`\n▸ ${what}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\nBuild failed at: ${what}`);
    process.exit(result.status ?? 1);
  }
}

await rm('dist', { recursive: true, force: true });
await mkdir('dist', { recursive: true });
run('feed: kanswijzer build content --out dist/feed', 'node', ['cli/bin.mjs', 'build', 'content', '--out', 'dist/feed']);
run('bundles: rollup', 'npx', ['rollup', '-c', '--silent']);
run('library types: tsc', 'npx', ['tsc', '-p', 'tsconfig.lib.json']);
for (const step of ['scripts/build-extras.mjs']) if (existsSync(step)) run(step, 'node', [step]);
await writeFile('dist/index.html', (await import('./demo-index.mjs')).indexPage());
console.log('\nBuilt into dist/.');
