// `npm start` (after the build): serves dist/ on localhost and prints the URLs. Static files only, with
// the content types browsers need for modules, feeds and calendars; no directory escapes.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve('dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.zip': 'application/zip',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

async function resolveFile(urlPath) {
  const clean = path.normalize(decodeURIComponent(urlPath.split('?')[0])).replace(/^([/\\])+/, '');
  let file = path.join(ROOT, clean);
  if (!file.startsWith(ROOT)) return undefined;
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    await stat(file);
    return file;
  } catch {
    return undefined;
  }
}

export function startServer(port = Number(process.env.PORT ?? 8080), host = process.env.HOST ?? '127.0.0.1') {
  const server = createServer(async (req, res) => {
    const file = await resolveFile(req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    // Feeds are meant to be read from other sites, as a real feed host would allow.
    if (file.includes(`${path.sep}feed${path.sep}`)) headers['access-control-allow-origin'] = '*';
    // Pages may ask for their own Content-Security-Policy through a sidecar file (the strict-CSP demo).
    try {
      headers['content-security-policy'] = (await readFile(`${file}.csp`, 'utf8')).trim();
    } catch {
      /* no sidecar: no policy */
    }
    res.writeHead(200, headers);
    res.end(await readFile(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      if (error.code === 'EADDRINUSE' && port < 8100) resolve(startServer(port + 1, host));
      else reject(error);
    });
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer();
  const { port } = server.address();
  const base = `http://localhost:${port}/`;
  console.log(`\nKanswijzer is served from dist/ at ${base}\n`);
  const urls = [['', 'start page'], ['demo/', 'school website with the widgets'], ['demo/lms/', 'sample LMS pages'], ['feed/catalog.json', 'the default catalog'], ['feed/events.ics', 'its events as iCalendar']];
  for (const [href, what] of urls) if (await resolveFile(`/${href}`)) console.log(`  ${base}${href}  ${what}`);
  console.log('\nPress Ctrl+C to stop.');
}
