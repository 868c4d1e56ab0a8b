// Draws InterviewBot's two Teams icons: color.png (192x192, full colour) and outline.png (32x32, white on
// transparent). The symbol is a clipboard with a tick: a scorecard that has been filled in.
//
//   node manifest/scripts/draw-icons.mjs [output directory]     (default: manifest/)
//
// Shapes are signed distance functions sampled 8x8 times per pixel, so edges are smooth at both sizes and the
// output is the same byte for byte on every run.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PNG } from "pngjs";

/** The background of the colour icon; the manifest's accentColor is the same. */
export const ACCENT = { r: 0x4a, g: 0x4f, b: 0xb8 };

const SAMPLES = 8;

// The symbol in a unit square: negative inside, positive outside.
function symbolDistance(x, y) {
  const board = Math.abs(roundedBox(x, y, 0.5, 0.56, 0.33, 0.41, 0.1)) - 0.0375;
  const clip = roundedBox(x, y, 0.5, 0.15, 0.17, 0.085, 0.05);
  const tick = Math.min(segment(x, y, 0.33, 0.58, 0.46, 0.71), segment(x, y, 0.46, 0.71, 0.68, 0.45)) - 0.045;
  return Math.min(board, clip, tick);
}

function roundedBox(x, y, cx, cy, halfWidth, halfHeight, radius) {
  const qx = Math.abs(x - cx) - halfWidth + radius;
  const qy = Math.abs(y - cy) - halfHeight + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segment(x, y, ax, ay, bx, by) {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy);
}

/** How much of each pixel the symbol covers (0..1), with the symbol's unit square mapped onto [offset, offset + extent). */
function coverage(size, offset, extent) {
  const result = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      let inside = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (column + (sx + 0.5) / SAMPLES - offset) / extent;
          const y = (row + (sy + 0.5) / SAMPLES - offset) / extent;
          if (symbolDistance(x, y) <= 0) {
            inside++;
          }
        }
      }
      result[row * size + column] = inside / (SAMPLES * SAMPLES);
    }
  }
  return result;
}

/** 192x192, opaque: the white symbol in the central 96x96 on the accent colour. */
export function drawColor() {
  const size = 192;
  const cover = coverage(size, 48, 96);
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let i = 0; i < size * size; i++) {
    const a = cover[i];
    png.data[i * 4] = Math.round(ACCENT.r + (255 - ACCENT.r) * a);
    png.data[i * 4 + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * a);
    png.data[i * 4 + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * a);
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/** 32x32: the symbol in white, everything else fully transparent. */
export function drawOutline() {
  const size = 32;
  const cover = coverage(size, 2, 28);
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let i = 0; i < size * size; i++) {
    png.data[i * 4] = 255;
    png.data[i * 4 + 1] = 255;
    png.data[i * 4 + 2] = 255;
    png.data[i * 4 + 3] = Math.round(255 * cover[i]);
  }
  return PNG.sync.write(png, { colorType: 6 });
}

export function drawIcons(directory) {
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, "color.png"), drawColor());
  writeFileSync(path.join(directory, "outline.png"), drawOutline());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const manifestDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const directory = path.resolve(process.argv[2] ?? manifestDirectory);
  drawIcons(directory);
  console.log(`Wrote color.png and outline.png to ${directory}`);
}
