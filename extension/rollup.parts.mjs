// The browser extension's part of `npm run build`: one source, two builds. Every bundle is written to
// dist/extension/chrome/ and dist/extension/firefox/; the manifests are made from manifest.base.json plus
// each browser's differences, and the static files (pages, locales, icons, the managed-storage schema and
// the default catalog packaged with the extension) are copied beside them.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { iconPng, ICON_SIZES } from './build/icons.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const BROWSERS = ['chrome', 'firefox'];
const FEED_FILE = path.join(ROOT, 'dist/feed/catalog.json');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Objects merge key by key; arrays are joined without duplicates; other values are replaced. */
export function mergeManifest(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    if (Array.isArray(current) && Array.isArray(value)) out[key] = [...new Set([...current, ...value])];
    else if (current && typeof current === 'object' && value && typeof value === 'object' && !Array.isArray(value)) out[key] = mergeManifest(current, value);
    else out[key] = value;
  }
  return out;
}

/**
 * The published feed the extension refreshes from, when the build names one (KANSWIJZER_FEED_URL). Without
 * it the default catalog is the copy packaged with the extension and no host permission is asked for it.
 */
function publishedFeedUrl() {
  const raw = (process.env.KANSWIJZER_FEED_URL ?? '').trim();
  if (!raw) return '';
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`KANSWIJZER_FEED_URL must be an http(s) address, not ${raw}`);
  return url.href;
}

/** The manifest for one browser. */
export function buildManifest(browser, { version, feedUrl = '' } = {}) {
  const base = readJson(path.join(HERE, 'manifest.base.json'));
  const manifest = mergeManifest(base, readJson(path.join(HERE, `manifest.${browser}.json`)));
  manifest.version = version;
  if (feedUrl) {
    const { protocol, host } = new URL(feedUrl);
    manifest.host_permissions = [...manifest.host_permissions, `${protocol}//${host}/*`];
  }
  return manifest;
}

function listFiles(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? listFiles(full, rel) : [{ full, rel }];
  });
}

/**
 * The packaged catalog's suggester index (JSON text), built with the same code the background runs, so a fresh
 * install does not analyse the catalog in a cold service worker. Made once per catalog text: both browsers'
 * outputs share it, and a watch rebuild with a changed catalog makes a new one.
 */
const packagedIndexes = new Map();
function packagedIndexJson(catalogText) {
  if (!packagedIndexes.has(catalogText)) {
    packagedIndexes.clear();
    packagedIndexes.set(catalogText, tsImport('./src/core/packaged.ts', import.meta.url).then(({ packagedIndex }) => JSON.stringify(packagedIndex(catalogText))));
  }
  return packagedIndexes.get(catalogText);
}

/** Emits the manifest and the static files into each output directory. */
function extensionAssets({ version, feedUrl }) {
  const statics = () => [
    ...listFiles(path.join(HERE, 'static')),
    { full: path.join(HERE, 'src/panel/panel.html'), rel: 'panel.html' },
    { full: path.join(HERE, 'src/options/options.html'), rel: 'options.html' },
    { full: path.join(HERE, 'src/pages.css'), rel: 'pages.css' },
  ];
  return {
    name: 'kanswijzer-extension-assets',
    buildStart() {
      for (const file of ['manifest.base.json', ...BROWSERS.map((b) => `manifest.${b}.json`)]) this.addWatchFile(path.join(HERE, file));
      for (const { full } of statics()) this.addWatchFile(full);
    },
    async generateBundle(outputOptions) {
      const browser = BROWSERS.find((b) => path.resolve(outputOptions.dir ?? '').endsWith(path.join('extension', b)));
      if (!browser) return;
      const manifest = buildManifest(browser, { version, feedUrl });
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: `${JSON.stringify(manifest, null, 2)}\n` });
      for (const { full, rel } of statics()) this.emitFile({ type: 'asset', fileName: rel, source: readFileSync(full) });
      for (const size of ICON_SIZES) this.emitFile({ type: 'asset', fileName: `icons/icon-${size}.png`, source: iconPng(size) });
      if (existsSync(FEED_FILE)) {
        const catalogText = readFileSync(FEED_FILE, 'utf8');
        this.emitFile({ type: 'asset', fileName: 'feed/catalog.json', source: catalogText });
        this.emitFile({ type: 'asset', fileName: 'feed/suggester-index.json', source: await packagedIndexJson(catalogText) });
      } else {
        this.warn('dist/feed/catalog.json is missing: the extension is built without its default catalog (run `npm run build`).');
      }
    },
  };
}

const LMS_ENTRY_PREFIX = '\0kanswijzer-lms-content:';

/**
 * The per-LMS content scripts the manifest asks for: every `content-<adapter>.js` in its content_scripts,
 * where `<adapter>` is a file in shared/context/adapters/. A known SaaS LMS is therefore one adapter file and
 * one manifest entry.
 * @returns {{ name: string, adapter: string }[]}
 */
function lmsContentScripts() {
  const manifest = readJson(path.join(HERE, 'manifest.base.json'));
  const names = (manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? []);
  return names
    .map((file) => /^content-([a-z0-9-]+)\.js$/.exec(file))
    .filter(Boolean)
    .map(([file, adapter]) => {
      if (!existsSync(path.join(ROOT, 'shared/context/adapters', `${adapter}.ts`))) {
        throw new Error(`manifest.base.json names ${file}, but there is no adapter shared/context/adapters/${adapter}.ts`);
      }
      return { name: file.slice(0, -'.js'.length), adapter };
    });
}

/** The generated entry of a per-LMS content script: start the content script with that one adapter. */
function lmsContentEntry() {
  const exportName = (adapter) => `${adapter.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase())}Adapter`;
  return {
    name: 'kanswijzer-lms-content-entry',
    resolveId(id) {
      return id.startsWith(LMS_ENTRY_PREFIX) ? id : null;
    },
    load(id) {
      if (!id.startsWith(LMS_ENTRY_PREFIX)) return null;
      const adapter = id.slice(LMS_ENTRY_PREFIX.length);
      const file = (relative) => JSON.stringify(path.join(ROOT, relative));
      return [
        `import { ${exportName(adapter)} } from ${file(`shared/context/adapters/${adapter}.ts`)};`,
        `import { startContentScript } from ${file('extension/src/content/start.ts')};`,
        `startContentScript([${exportName(adapter)}]);`,
      ].join('\n');
    },
  };
}

/** Puts the published feed address (if any) into the built code. */
function buildConstants({ feedUrl, version }) {
  return {
    name: 'kanswijzer-extension-constants',
    transform(code, id) {
      if (!id.endsWith(path.join('extension', 'src', 'config.ts'))) return null;
      return code
        .replace("PUBLISHED_FEED_URL: string = ''", `PUBLISHED_FEED_URL: string = ${JSON.stringify(feedUrl)}`)
        .replace("EXTENSION_VERSION: string = '0.0.0'", `EXTENSION_VERSION: string = ${JSON.stringify(version)}`);
    },
  };
}

/**
 * The rollup configs for the extension, called by the project's rollup.config.mjs with its shared plugins.
 * @returns {import('rollup').RollupOptions[]}
 */
export function extensionConfigs({ ts, browserResolve, minify }) {
  const { version } = readJson(path.join(ROOT, 'package.json'));
  const feedUrl = publishedFeedUrl();
  const outputs = (options) => BROWSERS.map((browser) => ({ dir: `dist/extension/${browser}`, sourcemap: false, ...options }));
  const plugins = () => [buildConstants({ feedUrl, version }), browserResolve(), ts(), ...minify()];
  const onwarn = (warning, warn) => {
    // Lit and the polyfill use `this` at module level in ways that are harmless once bundled.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  };
  return [
    {
      // Content scripts cannot be modules: one classic script, as small as possible. This one carries every
      // adapter, for sites enabled by the user or an administrator.
      input: { content: 'extension/src/content/main.ts' },
      output: outputs({ format: 'iife', entryFileNames: '[name].js' }),
      plugins: [...plugins(), extensionAssets({ version, feedUrl })],
      onwarn,
    },
    // One per known SaaS host, with only its own adapter: each page load compiles less than half the code.
    ...lmsContentScripts().map(({ name, adapter }) => ({
      input: { [name]: `${LMS_ENTRY_PREFIX}${adapter}` },
      output: outputs({ format: 'iife', entryFileNames: '[name].js' }),
      plugins: [lmsContentEntry(), ...plugins()],
      onwarn,
    })),
    {
      // The optional in-page hint: injected by the background only when a hint is shown.
      input: { hint: 'extension/src/content/hint-main.ts' },
      output: outputs({ format: 'iife', entryFileNames: '[name].js' }),
      plugins: plugins(),
      onwarn,
    },
    {
      // A classic script works as Chrome's service worker and as Firefox's background script.
      input: { background: 'extension/src/background/main.ts' },
      output: outputs({ format: 'iife', entryFileNames: '[name].js', inlineDynamicImports: true }),
      plugins: plugins(),
      onwarn,
    },
    {
      input: { panel: 'extension/src/panel/main.ts', options: 'extension/src/options/main.ts' },
      output: outputs({ format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' }),
      plugins: plugins(),
      onwarn,
    },
  ];
}
