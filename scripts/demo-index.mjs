// The start page of `npm start`: lists what was built, so a person can find each part.
import { existsSync, readFileSync } from 'node:fs';

export function indexPage() {
  const links = [];
  const catalog = JSON.parse(readFileSync('dist/feed/catalog.json', 'utf8'));
  links.push(['feed/catalog.json', `The default catalog (${catalog.items.length} items), the feed widgets and the extension read`]);
  links.push(['feed/events.ics', 'Its events as an iCalendar feed, to subscribe to in a calendar app']);
  links.push(['feed/catalog.schema.json', 'The JSON Schema of the catalog format']);
  if (existsSync('dist/demo/index.html')) links.unshift(['demo/', 'Demo: a school website with the Kanswijzer widgets']);
  if (existsSync('dist/demo/lms/index.html')) links.splice(1, 0, ['demo/lms/', 'Demo: sample LMS pages for the extension']);
  if (existsSync('dist/extension/chrome/manifest.json')) links.push(['extension/', 'The built extension (load dist/extension/chrome or dist/extension/firefox unpacked)']);
  const items = links.map(([href, text]) => `      <li><a href="${href}">${href}</a> — ${text}</li>`).join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Kanswijzer — local build</title>
    <style>body{font:1rem/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}a{color:#0b5cad}</style>
  </head>
  <body>
    <main>
      <h1>Kanswijzer — local build</h1>
      <p>What <code>npm run build</code> produced, served from <code>dist/</code>.</p>
      <ul>
${items}
      </ul>
    </main>
  </body>
</html>
`;
}
