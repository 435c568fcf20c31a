// Bundles for `npm run build`. Each part is added only when its sources exist, so the build always
// produces everything DESIGN.md lists under dist/ that exists so far.
import { existsSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import minifyTemplates from '@lit-labs/rollup-plugin-minify-html-literals';
import pkg from './package.json' with { type: 'json' };

const production = process.env.NODE_ENV !== 'development';
const ts = () => esbuild({ target: 'es2022', tsconfig: './tsconfig.json', minify: false });
const browserResolve = () => nodeResolve({ browser: true, exportConditions: ['browser', 'production', 'default'] });
// Lit's html`` and css`` templates are minified before the TypeScript is transformed, then terser
// minifies the code; size budgets are part of the product (see npm run size).
const minify = () =>
  production ? [terser({ ecma: 2020, module: true, format: { comments: false }, compress: { passes: 3, pure_getters: true, unsafe_arrows: true } })] : [];
const templates = () => (production ? [minifyTemplates({ include: ['widgets/**/*.ts', 'extension/**/*.ts'], failOnError: true })] : []);

const configs = [
  // The core library: `import { parseCatalog } from 'kanswijzer'`. Dependencies stay external.
  // `kanswijzer/store` is the offline store (IndexedDB), for browsers only.
  {
    input: { index: 'shared/index.ts', store: 'shared/store/index.ts' },
    output: { dir: 'dist/lib', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    external: [...Object.keys(pkg.dependencies ?? {})].map((name) => new RegExp(`^${name}(/|$)`)),
    plugins: [ts()],
  },
];

const SHARED_BY_ALL = [
  /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//,
  /widgets\/shared\/(kw-element|theme\.styles|strings|i18n|config|store|item-parts|define|feed-controller|feeds)\.ts$/,
  /shared\/feed\/(load|parse-feed)\.ts$/,
  /shared\/catalog\/(localize|provenance|rrule|message-key)\.ts$/,
  /shared\/store\/(light|schema)\.ts$/,
];

if (existsSync('widgets/index.ts')) {
  configs.push({
    input: { kanswijzer: 'widgets/index.ts' },
    // The script keeps its exports (loadElement, configureWidgets, KANSWIJZER_VERSION) and may carry
    // shared code besides.
    preserveEntrySignatures: 'allow-extension',
    // Source maps are published beside the files but not referenced from them (smaller downloads).
    output: {
      dir: 'dist/widgets',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: 'hidden',
      // Code every element needs travels as one file; small modules both feed parsers use go with it
      // rather than as files of their own (each file costs its own gzip overhead).
      manualChunks: (id) => (SHARED_BY_ALL.some((pattern) => pattern.test(id)) ? 'base' : undefined),
    },
    plugins: [browserResolve(), ...templates(), ts(), ...minify()],
  });
}

if (existsSync('extension/rollup.parts.mjs')) {
  const { extensionConfigs } = await import('./extension/rollup.parts.mjs');
  configs.push(...extensionConfigs({ ts, browserResolve, minify, templates }));
}

export default configs;
