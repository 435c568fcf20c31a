// The end-to-end test server: serves the fictional LMS pages and the test feed over HTTPS under real LMS host
// names (Chromium maps those names to this server with --host-resolver-rules). HTTPS because
// classroom.google.com is on Chromium's HSTS preload list; the certificate is self-signed, made with openssl
// for this run, and accepted with --ignore-certificate-errors. Every request is logged.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = JSON.parse(readFileSync(path.join(HERE, 'fixtures/pages.json'), 'utf8'));

function selfSignedCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-e2e-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=kanswijzer-e2e',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } catch {
    throw new Error('The end-to-end tests need openssl to make a test certificate (Debian: apt-get install openssl).');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The hosts the pages and the feed live on, for --host-resolver-rules. */
export function fixtureHosts() {
  return [...new Set([...FIXTURES.pages.map((p) => new URL(p.url).hostname), new URL(FIXTURES.feed.url).hostname])];
}

/**
 * Starts the server on a free port. `log` holds every request (`{ url, at }`); `feedRequests()` counts the
 * feed's; `setOffline(true)` makes every request fail at the socket, as a cut network would.
 */
export async function startFixtureServer() {
  const byUrl = new Map(FIXTURES.pages.map((p) => [p.url, p]));
  const log = [];
  let offline = false;
  const feedEtag = '"e2e-1"';
  const server = createServer(selfSignedCertificate(), (req, res) => {
    const url = `https://${req.headers.host}${req.url}`;
    log.push({ url, at: Date.now() });
    if (offline) {
      req.socket.destroy();
      return;
    }
    if (url === FIXTURES.feed.url) {
      const headers = { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*', etag: feedEtag, 'cache-control': 'no-cache' };
      if (req.headers['if-none-match'] === feedEtag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, headers);
      res.end(readFileSync(path.join(HERE, 'fixtures', FIXTURES.feed.file)));
      return;
    }
    const page = byUrl.get(url);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`No fixture for ${url}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(readFileSync(path.join(HERE, 'fixtures/pages', page.file)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    log,
    feedRequests: () => log.filter((entry) => entry.url === FIXTURES.feed.url).length,
    setOffline: (value) => {
      offline = value;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
