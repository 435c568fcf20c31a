import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { calendarTestPlugin } from './widgets/calendar/wtr-timezone-plugin.mjs';

const executablePath = findChromium();

export default {
  files: ['shared/**/*.browser.test.ts', 'widgets/**/*.browser.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  // The calendar plugin adds time-zone and forced-colours emulation and serves ../shared/ics-corpus read-only.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), calendarTestPlugin()],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS } })],
  // One file at a time: with two, the calendar's viewport and keyboard tests ran in a tab behind another
  // one and timed out now and then (seen in full runs, never in the calendar's own). Just as fast here.
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 300000,
};
