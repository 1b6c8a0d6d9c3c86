// Draws images/icon.png (128x128): woven threads on a dark tile, parallel strands crossing,
// the idea behind the name. Plain zlib + PNG chunks, no image library. Run: node scripts/vscode/make-icon.mjs
import fs from 'node:fs';
import zlib from 'node:zlib';

const N = 128;
const px = Buffer.alloc(N * N * 4);
const set = (x, y, [r, g, b, a]) => { const i = (y * N + x) * 4; px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a; };
const bg = [30, 42, 58, 255], warp = [79, 193, 255, 255], weftC = [255, 184, 77, 255];
const radius = 22;
for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) {
  // rounded square
  const cx = Math.min(Math.max(x, radius), N - 1 - radius), cy = Math.min(Math.max(y, radius), N - 1 - radius);
  const inside = (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  if (!inside) { set(x, y, [0, 0, 0, 0]); continue; }
  set(x, y, bg);
  const col = Math.floor((x - 20) / 22), row = Math.floor((y - 20) / 22);
  const inWarp = x >= 20 && x < 108 && (x - 20) % 22 < 12; // vertical threads
  const inWeft = y >= 20 && y < 108 && (y - 20) % 22 < 12; // horizontal threads
  if (inWarp && inWeft) set(x, y, (col + row) % 2 === 0 ? warp : weftC); // over/under weave
  else if (inWarp && y >= 14 && y < 114) set(x, y, warp);
  else if (inWeft && x >= 14 && x < 114) set(x, y, weftC);
}
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) { raw[y * (N * 4 + 1)] = 0; px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4); }
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
fs.mkdirSync('images', { recursive: true });
fs.writeFileSync('images/icon.png', png);
console.log('images/icon.png', png.length, 'bytes');
