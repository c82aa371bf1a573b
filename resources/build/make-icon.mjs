// Draws Sincro's app icon (two opposite arrows on a teal tile: data going both ways) into
// icon.png, 512×512, with no image library: shapes are sampled 4×4 per pixel and written as a
// PNG with node:zlib, into build/icon.png and ../icon.png. Run `node resources/build/make-icon.mjs` after changing the shapes.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SS = 4;
const inRoundedSquare = (x, y, r = 104) => {
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inRect = (x, y, [x0, y0, x1, y1]) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inTriangle = (x, y, [[ax, ay], [bx, by], [cx, cy]]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by), d2 = s(x, y, bx, by, cx, cy), d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const inArrows = (x, y) =>
  inRect(x, y, [124, 160, 330, 208]) || inTriangle(x, y, [[318, 112], [392, 184], [318, 256]]) ||
  inRect(x, y, [182, 304, 388, 352]) || inTriangle(x, y, [[194, 256], [120, 328], [194, 400]]);

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let px = 0; px < SIZE; px++) {
    let tile = 0, white = 0;
    for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
      const x = px + (sx + 0.5) / SS, y = py + (sy + 0.5) / SS;
      if (!inRoundedSquare(x, y)) continue;
      tile++;
      if (inArrows(x, y)) white++;
    }
    const n = SS * SS, t = py / SIZE;
    // Teal, a little lighter at the top.
    const base = [Math.round(20 - 8 * t), Math.round(150 - 32 * t), Math.round(136 - 26 * t)];
    const a = tile / n, w = tile ? white / tile : 0;
    const o = 1 + px * 4;
    for (let c = 0; c < 3; c++) row[o + c] = Math.round(base[c] * (1 - w) + 255 * w);
    row[o + 3] = Math.round(255 * a);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0); ihdr.writeUInt32BE(SIZE, 4); ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
// build/icon.png is electron-builder's (build resources are not packaged); ../icon.png is the
// window, tray and notification icon the app loads at run time.
writeFileSync(new URL('./icon.png', import.meta.url), png);
writeFileSync(new URL('../icon.png', import.meta.url), png);
writeFileSync(new URL('../icon.png', import.meta.url), png);
console.log(`build/icon.png and icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
