// The second sanitiser: the server already rebuilt the SVG from an allow-list (engine/lineage/svg.ts);
// the webview does it again, with the browser's own XML parser, before anything reaches the page.
// The SVG is parsed as an inert XML document (DOMParser: nothing in it runs, nothing loads), then
// a NEW tree is built in this document from allowed elements and attributes only: no script,
// style, foreignObject, image, use, animation or link; no on* handler, href, style or src; no
// value that holds `javascript:`, `data:`, `url(` or `expression(`. Text is copied as text.

import { SVG_ELEMENTS, SVG_NAMESPACE as SVG_NS, SVG_TEXT_ELEMENTS } from '../../protocol/svgAllowList';
import { keptAttribute } from './svgAttributes';

const ELEMENTS = new Set(SVG_ELEMENTS);
const TEXT_ELEMENTS = new Set(SVG_TEXT_ELEMENTS);
/** More than this many elements is not a drawing the server would send. */
const MAX_ELEMENTS = 200_000;

export interface SanitizedSvg {
  svg: SVGSVGElement;
  /** Elements and attributes left out (0 for what the server sends). */
  dropped: number;
}

/** Parses `text` and rebuilds it from the allow-list; throws when it is not an SVG document. */
export function sanitizeSvg(text: string, doc: Document = document): SanitizedSvg {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  if (
    !root ||
    root.localName !== 'svg' ||
    root.namespaceURI !== SVG_NS ||
    parsed.getElementsByTagName('parsererror').length
  ) {
    throw new Error('the drawing is not a well-formed SVG document');
  }
  let dropped = 0;
  let count = 0;
  const copy = (from: Element): Element | undefined => {
    if (from.namespaceURI !== SVG_NS || !ELEMENTS.has(from.localName) || ++count > MAX_ELEMENTS) {
      dropped++;
      return undefined;
    }
    const to = doc.createElementNS(SVG_NS, from.localName);
    for (const attr of Array.from(from.attributes)) {
      const kept = keptAttribute(attr.namespaceURI, attr.localName, attr.value);
      if (!kept) {
        dropped++;
        continue;
      }
      if (kept.namespace === null) to.setAttribute(kept.name, attr.value);
      else to.setAttributeNS(kept.namespace, kept.name, attr.value);
    }
    for (const child of Array.from(from.childNodes)) {
      if (child.nodeType === 1) {
        const element = copy(child as Element);
        if (element) to.appendChild(element);
      } else if (child.nodeType === 3 && TEXT_ELEMENTS.has(from.localName)) {
        to.appendChild(doc.createTextNode(child.nodeValue ?? ''));
      }
    }
    return to;
  };
  const svg = copy(root) as SVGSVGElement;
  return { svg, dropped };
}
