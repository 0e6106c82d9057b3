// What a lineage drawing may contain: the one allow-list both SVG sanitisers rebuild from, the
// server's after layout (server/src/engine/lineage/svg.ts) and the webview's before display
// (webview/src/sanitize.ts). Data only, no imports: the engine and the webview may both read it.

/** The SVG namespace: the only one an element of the drawing may be in. */
export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** The drawing elements Graphviz writes; everything else is dropped with its content. */
export const SVG_ELEMENTS: readonly string[] = [
  'svg',
  'g',
  'title',
  'desc',
  'polygon',
  'polyline',
  'path',
  'ellipse',
  'circle',
  'rect',
  'line',
  'text',
  'tspan',
];

/** The elements whose text content is kept. */
export const SVG_TEXT_ELEMENTS: readonly string[] = ['title', 'desc', 'text', 'tspan'];

/**
 * Geometry and presentation attributes, in no namespace, as SVG spells them. No `on*` handler,
 * `href`, `style` or `src`: their values are checked by each sanitiser, too.
 */
export const SVG_ATTRIBUTES: readonly string[] = [
  'id',
  'class',
  'width',
  'height',
  'viewBox',
  'transform',
  'points',
  'd',
  'cx',
  'cy',
  'rx',
  'ry',
  'r',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'dx',
  'dy',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'text-decoration',
  'dominant-baseline',
  'preserveAspectRatio',
];
