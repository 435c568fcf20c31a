// The project's web-test-runner settings plus the calendar's test plugin (time-zone emulation and the ICS
// corpus route). Run the calendar's browser tests with:
//   npx web-test-runner --config widgets/calendar/web-test-runner.config.mjs "widgets/calendar/**/*.browser.test.ts"
import base from '../../web-test-runner.config.mjs';
import { calendarTestPlugin } from './wtr-timezone-plugin.mjs';

const hasPlugin = (base.plugins ?? []).some((plugin) => plugin?.name === 'kanswijzer-calendar-test');

export default {
  ...base,
  files: ['widgets/calendar/**/*.browser.test.ts'],
  plugins: [...(base.plugins ?? []), ...(hasPlugin ? [] : [calendarTestPlugin()])],
};
