#!/usr/bin/env node
// Draws Aura's app icon (512×512 PNG) with nothing but Node: a violet rounded square with a glowing
// white ring. Writes resources/icon.png (the window icon at runtime) and build/icon.png (electron-builder
// makes the .icns / .ico from it). Run: node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const SAMPLES = 4 // 4×4 supersampling for smooth edges
const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const inset = 44
const radius = 96
const center = SIZE / 2
const ringOuter = 132
const ringInner = 98
const dot = 40
const from = [79, 70, 229] // indigo
const to = [168, 85, 247] // violet

function insideSquare(x, y) {
  const lo = inset
  const hi = SIZE - inset
  if (x < lo || x > hi || y < lo || y > hi) return false
  const cx = Math.min(Math.max(x, lo + radius), hi - radius)
  const cy = Math.min(Math.max(y, lo + radius), hi - radius)
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
}

function insideMark(x, y) {
  const d = Math.hypot(x - center, y - center)
  return (d <= ringOuter && d >= ringInner) || d <= dot
}

const pixels = Buffer.alloc(SIZE * SIZE * 4)
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let square = 0
    let mark = 0
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const x = px + (sx + 0.5) / SAMPLES
        const y = py + (sy + 0.5) / SAMPLES
        if (insideSquare(x, y)) {
          square++
          if (insideMark(x, y)) mark++
        }
      }
    }
    const n = SAMPLES * SAMPLES
    square /= n
    mark /= n
    if (square === 0) continue

    // Diagonal gradient, lifted by a soft halo around the ring: the "aura".
    const t = (px + py) / (2 * SIZE)
    const d = Math.hypot(px + 0.5 - center, py + 0.5 - center)
    const halo = d > ringOuter ? Math.max(0, 1 - (d - ringOuter) / 70) ** 2 * 0.45 : d < ringInner && d > dot ? 0.18 : 0
    const white = Math.min(1, mark / Math.max(square, 1e-9) + halo)
    const i = (py * SIZE + px) * 4
    for (let c = 0; c < 3; c++) {
      const base = from[c] + (to[c] - from[c]) * t
      pixels[i + c] = Math.round(base * (1 - white) + 255 * white)
    }
    pixels[i + 3] = Math.round(255 * square)
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header[8] = 8 // bit depth
header[9] = 6 // RGBA
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1))
for (let y = 0; y < SIZE; y++) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4)
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])

for (const file of ['resources/icon.png', 'build/icon.png']) {
  mkdirSync(dirname(join(root, file)), { recursive: true })
  writeFileSync(join(root, file), png)
  console.log(`wrote ${file} (${png.length} bytes)`)
}
