// The toolbar and store icons, drawn in code so the repository holds no binary files: a teal tile with a
// compass needle ("wijzer" is Dutch for pointer). Written as PNG with node:zlib; 4×4 supersampling smooths
// the edges.
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';

const TEAL = [11, 110, 105];
const WHITE = [255, 255, 255];
const AMBER = [242, 177, 52];

/** Colour of the icon at point (x, y) in a 0..1 square, or null where it is transparent. */
function colourAt(x, y) {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const dx = x - 0.5;
  const dy = y - 0.5;
  const ring = Math.hypot(dx, dy);
  // The needle is a long diamond along the diagonal from bottom-left to top-right.
  const along = (dx - dy) / Math.SQRT2;
  const across = (dx + dy) / Math.SQRT2;
  const half = 0.34;
  if (Math.abs(along) < half && Math.abs(across) < 0.1 * (1 - Math.abs(along) / half)) return along > 0 ? AMBER : WHITE;
  if (ring > 0.36 && ring < 0.42) return WHITE;
  return TEAL;
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The icon as a PNG of `size` × `size` pixels. */
export function iconPng(size) {
  const samples = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let red = 0, green = 0, blue = 0, alpha = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!c) continue;
          red += c[0]; green += c[1]; blue += c[2]; alpha += 1;
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      if (alpha) {
        raw[o] = Math.round(red / alpha);
        raw[o + 1] = Math.round(green / alpha);
        raw[o + 2] = Math.round(blue / alpha);
      }
      raw[o + 3] = Math.round((255 * alpha) / (samples * samples));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const ICON_SIZES = [16, 32, 48, 96, 128];
