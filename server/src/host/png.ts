// What the PNG renderer (engine/lineage/png.ts) needs from the machine: its WebAssembly, and a sans
// font for the labels. Fonts are read from the system's usual places (fixed paths, not workspace
// files): Liberation Sans or Arial match the metrics Graphviz laid the labels out with.
import * as fs from 'node:fs';
import * as path from 'node:path';

const FONTS: { family: string; files: string[] }[] = [
  {
    family: 'Liberation Sans',
    files: [
      '/usr/share/fonts/truetype/liberation',
      '/usr/share/fonts/liberation-sans',
      '/usr/share/fonts/liberation',
    ].flatMap((dir) => ['Regular', 'Bold', 'Italic'].map((style) => path.join(dir, `LiberationSans-${style}.ttf`))),
  },
  {
    family: 'Arial',
    files: [
      ...['arial.ttf', 'arialbd.ttf', 'ariali.ttf'].map((f) =>
        path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts', f),
      ),
      ...['Arial.ttf', 'Arial Bold.ttf', 'Arial Italic.ttf'].map((f) =>
        path.join('/System/Library/Fonts/Supplemental', f),
      ),
      ...['Arial.ttf', 'Arial Bold.ttf', 'Arial Italic.ttf'].map((f) => path.join('/Library/Fonts', f)),
    ],
  },
  {
    family: 'DejaVu Sans',
    files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'].map((f) =>
      path.join('/usr/share/fonts/truetype/dejavu', f),
    ),
  },
];

/** The first sans family found with its files, or undefined when the machine has none of them. */
export function sansFonts(): { family: string; fonts: Uint8Array[] } | undefined {
  for (const { family, files } of FONTS) {
    const fonts: Uint8Array[] = [];
    for (const file of files) {
      try {
        fonts.push(fs.readFileSync(file));
      } catch {
        // not on this machine
      }
    }
    if (fonts.length) return { family, fonts };
  }
  return undefined;
}

/** resvg's WebAssembly: beside the bundle (dist/resvg.wasm, copied by esbuild.js), or in node_modules when run from the sources. */
export function resvgWasm(): Uint8Array {
  const beside = path.join(__dirname, 'resvg.wasm');
  if (fs.existsSync(beside)) return fs.readFileSync(beside);
  return fs.readFileSync(
    path.join(__dirname, '..', '..', '..', 'node_modules', '@resvg', 'resvg-wasm', 'index_bg.wasm'),
  );
}
