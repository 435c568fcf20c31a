// Unit tests of the extension's pure modules (message checks, settings and policy, scope keys):
// `npx vitest run --config extension/vitest.config.ts`. The project's root config does not list extension/ yet.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['extension/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts', 'node_modules/**', 'dist/**'],
  },
});
