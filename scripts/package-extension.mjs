// `npm run package`: the store uploads, dist/packages/kanswijzer-chrome-<version>.zip (Chrome Web Store,
// Edge Add-ons) and kanswijzer-firefox-<version>.zip (addons.mozilla.org), from the builds in
// dist/extension/. Written by a small ZIP writer on node:zlib, with sorted entries and a fixed timestamp so
// the same build always gives byte-identical files. Run `npm run build` first.
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(bytes) >>> 0;
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// 2025-01-01 00:00 in MS-DOS date/time format: fixed, so packages are reproducible.
const DOS_TIME = 0;
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;

/** A ZIP archive (deflate, or stored when that is smaller) of `files`: `[{ name, data }]`. */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function listFiles(dir, prefix = '') {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      if (statSync(full).isDirectory()) return listFiles(full, rel);
      // Source maps and editor leftovers do not belong in a store upload.
      if (/\.map$|^\.|\/\./.test(rel)) return [];
      return [{ name: rel, data: readFileSync(full) }];
    });
}

/**
 * The files the extension can load: everything outside chunks/, plus the chunks reachable from it. Chunks
 * left over from earlier builds into the same folder are not reachable, so they stay out of the package.
 */
function referencedFiles(dir) {
  const files = listFiles(dir);
  const chunks = files.filter((f) => f.name.startsWith('chunks/'));
  const reached = files.filter((f) => !f.name.startsWith('chunks/'));
  const pending = [...reached];
  while (pending.length) {
    const text = pending.pop().data.toString('utf8');
    for (const chunk of chunks) {
      if (reached.includes(chunk) || !text.includes(path.posix.basename(chunk.name))) continue;
      reached.push(chunk);
      pending.push(chunk);
    }
  }
  return reached.sort((a, b) => (a.name < b.name ? -1 : 1));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = path.resolve('dist/packages');
  mkdirSync(outDir, { recursive: true });
  let failed = false;
  for (const browser of ['chrome', 'firefox']) {
    const dir = path.resolve('dist/extension', browser);
    const manifestFile = path.join(dir, 'manifest.json');
    if (!existsSync(manifestFile)) {
      console.error(`No ${browser} build in ${dir}: run "npm run build" first.`);
      failed = true;
      continue;
    }
    const { version } = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const files = referencedFiles(dir);
    const archive = zip(files);
    const target = path.join(outDir, `kanswijzer-${browser}-${version}.zip`);
    writeFileSync(target, archive);
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`${path.relative(process.cwd(), target)}  ${files.length} files, ${kb(archive.length)} (unpacked ${kb(files.reduce((s, f) => s + f.data.length, 0))})`);
  }
  process.exit(failed ? 1 : 0);
}
