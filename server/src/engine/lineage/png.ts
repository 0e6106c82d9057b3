// PNG from the lineage SVG: resvg (the Rust SVG renderer) compiled to WebAssembly. Why
// @resvg/resvg-wasm: it is maintained with resvg, renders SVG 1.1 text and shapes faithfully, needs
// no browser and no native binary (the CLI stays one bundle). Pure: the caller hands in the
// WebAssembly bytes and the fonts (host/png.ts reads them), so nothing here touches the disk.
import { initWasm, Resvg } from '@resvg/resvg-wasm';

let ready: Promise<void> | undefined;

export interface PngOptions {
  /** The bytes of @resvg/resvg-wasm's `index_bg.wasm`. */
  wasm: Uint8Array;
  /** Font files (TrueType/OpenType) to draw the labels with; without any, no text is drawn. */
  fonts: Uint8Array[];
  /** The family of `fonts[0]`: what Helvetica and sans-serif fall back to. */
  family?: string;
  /** Pixels per CSS pixel of the SVG (default 2, for a sharp picture on a high-density screen). */
  scale?: number;
}

/** The sanitised SVG as a PNG, on a white background. */
export async function svgToPng(svg: string, options: PngOptions): Promise<Uint8Array> {
  if (!ready) {
    ready = initWasm(options.wasm);
    ready.catch(() => {
      ready = undefined;
    });
  }
  await ready;
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: {
      fontBuffers: options.fonts,
      defaultFontFamily: options.family,
      sansSerifFamily: options.family,
    },
  });
  try {
    const image = resvg.render();
    const png = image.asPng();
    image.free();
    return png;
  } finally {
    resvg.free();
  }
}
