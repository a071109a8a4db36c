// Draws the app and tray icons as PNGs into build/icons/ with zlib alone (no image dependency):
// a rounded square in the brand colour holding a webhook "node" ring; the tray's alert variant
// turns amber with a dot. macOS gets tray "Template" images instead: the glyph alone, black on
// transparent, which the menu bar tints for light and dark mode (the alert one adds the dot).
// Run once after changing the design: `node scripts/make-icons.mjs`.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1); // filter byte 0 (none) leads each row
    for (let x = 0; x < size; x++) rows.set(pixel(x, y, size), row + 1 + x * 4);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const clamp = (v) => Math.max(0, Math.min(1, v));

/** Coverage of a point by the shapes, 4x4 supersampled for smooth edges. */
function coverage(x, y, size, inside) {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

function roundedSquare(u, v, r = 0.22, m = 0.04) {
  const dx = Math.max(m + r - u, 0, u - (1 - m - r));
  const dy = Math.max(m + r - v, 0, v - (1 - m - r));
  return u >= m && u <= 1 - m && v >= m && v <= 1 - m && dx * dx + dy * dy <= r * r;
}

const ring = (u, v) => {
  const d = Math.hypot(u - 0.5, v - 0.5);
  return d >= 0.17 && d <= 0.3 && !(u > 0.5 && v > 0.5 && Math.abs(u - v) < 0.12);
};
const dot = (u, v) => Math.hypot(u - 0.5, v - 0.5) <= 0.08;
const alertDot = (u, v) => Math.hypot(u - 0.78, v - 0.22) <= 0.2;

function icon(colour, withAlert) {
  return (x, y, size) => {
    const base = coverage(x, y, size, roundedSquare);
    const glyph = coverage(x, y, size, (u, v) => ring(u, v) || dot(u, v));
    const alert = withAlert ? coverage(x, y, size, alertDot) : 0;
    let [r, g, b] = colour.map((c) => c * (1 - glyph) + 255 * glyph);
    if (alert > 0) [r, g, b] = [r * (1 - alert) + 220 * alert, g * (1 - alert) + 38 * alert, b * (1 - alert) + 38 * alert];
    const a = clamp(Math.max(base, alert));
    return [Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)];
  };
}

/** Black with coverage as alpha: what macOS expects of a template image. */
function template(withAlert) {
  return (x, y, size) => {
    const shape = (u, v) => withAlert ? ((ring(u, v) || dot(u, v)) && !alertRim(u, v)) || alertDot(u, v) : ring(u, v) || dot(u, v);
    return [0, 0, 0, Math.round(coverage(x, y, size, shape) * 255)];
  };
}
// A gap around the alert dot keeps it readable where it overlaps the ring.
const alertRim = (u, v) => Math.hypot(u - 0.78, v - 0.22) <= 0.26;

const BRAND = [37, 99, 235];
const AMBER = [217, 119, 6];

mkdirSync(dir, { recursive: true });
const files = {};
for (const size of [16, 32, 48, 64, 128, 256, 512]) files[`${size}x${size}.png`] = png(size, icon(BRAND, false));
files['app.png'] = png(256, icon(BRAND, false));
files['tray-ok.png'] = png(16, icon(BRAND, false));
files['tray-ok@2x.png'] = png(32, icon(BRAND, false));
files['tray-alert.png'] = png(16, icon(AMBER, true));
files['tray-alert@2x.png'] = png(32, icon(AMBER, true));
files['trayTemplate.png'] = png(16, template(false));
files['trayTemplate@2x.png'] = png(32, template(false));
files['tray-alertTemplate.png'] = png(16, template(true));
files['tray-alertTemplate@2x.png'] = png(32, template(true));
for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data);
console.log(`build/icons/: ${Object.keys(files).join(', ')}`);
