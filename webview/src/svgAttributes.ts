// Which attributes of the lineage SVG the webview's sanitiser (sanitize.ts) keeps: a pure function,
// without the DOM, so that the tests can check it in Node.

import { SVG_ATTRIBUTES, SVG_NAMESPACE } from '../../protocol/svgAllowList';

export const SVG_NS = SVG_NAMESPACE;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

const ATTRIBUTES = new Set(SVG_ATTRIBUTES);
const BAD_VALUE = /javascript:|vbscript:|data:|url\s*\(|expression\s*\(|@import/i;

/**
 * Where an attribute of the parsed SVG goes in the rebuilt one, or undefined when it is left out:
 * the allow-list in no namespace, and the two namespaced attributes the server's sanitiser keeps
 * too (engine/lineage/svg.ts): `xml:space` (`preserve` or `default`, how Graphviz's labels keep their
 * spaces) and the SVG namespace declaration itself.
 */
export function keptAttribute(
  namespace: string | null,
  localName: string,
  value: string,
): { namespace: string | null; name: string } | undefined {
  if (namespace === XML_NS)
    return localName === 'space' && (value === 'preserve' || value === 'default')
      ? { namespace, name: 'xml:space' }
      : undefined;
  if (namespace === XMLNS_NS)
    return localName === 'xmlns' && value === SVG_NS ? { namespace, name: 'xmlns' } : undefined;
  if (namespace !== null || !ATTRIBUTES.has(localName) || BAD_VALUE.test(value)) return undefined;
  return { namespace: null, name: localName };
}
