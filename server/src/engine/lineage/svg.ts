// The SVG that Graphviz writes, sanitised again after layout, without a DOM: a small tokenizer
// over its (well-formed XML) output that REBUILDS the document from what it allows, rather than
// deleting what it recognises as dangerous.
//
// Kept: the drawing elements Graphviz uses (svg, g, title, desc, polygon, polyline, path, ellipse,
// circle, rect, line, text, tspan) with their geometry and presentation attributes.
// Dropped with their content: everything else (`script`, `style`, `foreignObject`, `image`, `use`,
// `iframe`, `animate`, `set`, gradients and `defs`, unknown elements). Unwrapped: `a` (its
// children stay, the link goes). Dropped attributes: every `on*` handler, `href`, `xlink:*`,
// `style`, `src` and anything not on the list; values holding `javascript:`, `data:`, `url(`
// (other than `url(#local)`), `expression(` or `@import`. Dropped outright: the XML declaration,
// the DOCTYPE (it names an external DTD and may declare entities), comments, CDATA, processing
// instructions. Only the five XML entities and numeric character references survive; any other
// `&` is written as `&amp;`.

import { SVG_ATTRIBUTES, SVG_ELEMENTS, SVG_NAMESPACE, SVG_TEXT_ELEMENTS } from '../../../../protocol/svgAllowList';

const ELEMENTS = new Set(SVG_ELEMENTS);
/** Elements whose text content is kept. */
const TEXT_ELEMENTS = new Set(SVG_TEXT_ELEMENTS);
/** Elements removed but whose children are kept. */
const UNWRAP = new Set(['a']);
/** Compared in lower case (this tokenizer reads names as written), plus the two namespaced attributes kept. */
const ATTRIBUTES = new Set([...SVG_ATTRIBUTES.map((name) => name.toLowerCase()), 'xml:space', 'xmlns']);
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric references (for inspecting values). */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return XML_ENTITIES[ref] ?? whole;
  });
}

/** Escapes decoded text for XML text content or a double-quoted attribute. */
function encode(text: string): string {
  return text
    .replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'))

    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

function safeValue(name: string, value: string): boolean {
  const v = value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
  if (name === 'xmlns') return value === SVG_NAMESPACE;
  if (/javascript:|vbscript:|data:|expression\(|@import|behavior:|-moz-binding/.test(v)) return false;
  for (const m of v.matchAll(/url\(([^)]*)\)?/g)) if (!/^['"]?#[\w.-]+['"]?$/.test(m[1] ?? '')) return false;
  return true;
}

interface Tag {
  name: string;
  attributes: [string, string][];
  selfClosing: boolean;
}

/** Reads a start tag at `i` (just after `<`); undefined when it is not one. */
function readStartTag(svg: string, i: number): { tag: Tag; end: number } | undefined {
  const nameMatch = /^[A-Za-z_][\w:.-]*/.exec(svg.slice(i, i + 200));
  if (!nameMatch) return undefined;
  const tag: Tag = { name: nameMatch[0], attributes: [], selfClosing: false };
  let j = i + nameMatch[0].length;
  for (;;) {
    while (j < svg.length && /\s/.test(svg[j])) j++;
    if (j >= svg.length) return { tag, end: svg.length };
    if (svg[j] === '>') return { tag, end: j + 1 };
    if (svg[j] === '/' && svg[j + 1] === '>') {
      tag.selfClosing = true;
      return { tag, end: j + 2 };
    }
    const attr = /^[^\s=/>"']+/.exec(svg.slice(j, j + 200));
    if (!attr) {
      j++;
      continue;
    }
    j += attr[0].length;
    while (j < svg.length && /\s/.test(svg[j])) j++;
    let value = '';
    if (svg[j] === '=') {
      j++;
      while (j < svg.length && /\s/.test(svg[j])) j++;
      const quote = svg[j];
      if (quote === '"' || quote === "'") {
        const close = svg.indexOf(quote, j + 1);
        const stop = close < 0 ? svg.length : close;
        value = svg.slice(j + 1, stop);
        j = stop + 1;
      } else {
        let stop = j;
        while (stop < svg.length && !/[\s>]/.test(svg[stop])) stop++;
        const unquoted = svg.slice(j, stop);
        value = unquoted;
        j += unquoted.length;
      }
    }
    tag.attributes.push([attr[0], value]);
  }
}

/** The sanitised SVG: only the allowed elements and attributes, rebuilt from the tokens. */
export function sanitizeSvg(svg: string): string {
  // Appended to a list: `out.endsWith` on a growing string would flatten it on every call (quadratic).
  const parts: string[] = [];
  let endsWithNewline = false;
  const emit = (text: string) => {
    if (!text) return;
    parts.push(text);
    endsWithNewline = text.endsWith('\n');
  };
  /** Open elements: the name, and whether it is written (false: dropped or unwrapped). */
  const stack: { name: string; kept: boolean; dropping: boolean }[] = [];
  const dropping = () => stack.length > 0 && stack[stack.length - 1].dropping;
  const inText = () => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].kept) return TEXT_ELEMENTS.has(stack[k].name);
    return false;
  };
  let rootSeen = false;
  let i = 0;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    const textEnd = lt < 0 ? svg.length : lt;
    if (textEnd > i) {
      const text = svg.slice(i, textEnd);
      if (stack.length && !dropping()) {
        if (inText()) emit(encode(decode(text)));
        else if (text.includes('\n') && !endsWithNewline) emit('\n');
      }
      i = textEnd;
      continue;
    }
    // Markup at i.
    if (svg.startsWith('<!--', i)) {
      const e = svg.indexOf('-->', i + 4);
      i = e < 0 ? svg.length : e + 3;
      continue;
    }
    if (svg.startsWith('<![CDATA[', i)) {
      const e = svg.indexOf(']]>', i + 9);
      i = e < 0 ? svg.length : e + 3;
      continue;
    }
    if (svg.startsWith('<?', i)) {
      const e = svg.indexOf('?>', i + 2);
      i = e < 0 ? svg.length : e + 2;
      continue;
    }
    if (svg.startsWith('<!', i)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      let j = i + 2;
      let depth = 0;
      let quote: string | undefined;
      for (; j < svg.length; j++) {
        const ch = svg[j];
        if (quote) {
          if (ch === quote) quote = undefined;
          continue;
        }
        if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (ch === '>' && depth <= 0) break;
      }
      i = j + 1;
      continue;
    }
    if (svg[i + 1] === '/') {
      const e = svg.indexOf('>', i);
      const name = svg.slice(i + 2, e < 0 ? svg.length : e).trim();
      i = e < 0 ? svg.length : e + 1;
      const k = stack.map((s) => s.name).lastIndexOf(name);
      if (k < 0) continue;
      while (stack.length > k) {
        const top = stack.pop()!;
        if (top.kept) emit(`</${top.name}>`);
      }
      continue;
    }
    const read = readStartTag(svg, i + 1);
    if (!read) {
      // A lone `<` in text.
      if (stack.length && !dropping() && inText()) emit('&lt;');
      i++;
      continue;
    }
    i = read.end;
    const { tag } = read;
    const name = tag.name;
    const lower = name.toLowerCase();
    let kept: boolean;
    let drop: boolean;
    if (dropping()) {
      kept = false;
      drop = true;
    } else if (!stack.length) {
      kept = lower === 'svg' && !rootSeen;
      drop = !kept;
      if (kept) rootSeen = true;
    } else if (ELEMENTS.has(name) && name !== 'svg') {
      kept = true;
      drop = false;
    } else if (UNWRAP.has(lower)) {
      kept = false;
      drop = false;
    } else {
      kept = false;
      drop = true;
    }
    if (kept) {
      let attrs = '';
      for (const [attrName, raw] of tag.attributes) {
        const an = attrName.toLowerCase();
        if (!ATTRIBUTES.has(an)) continue;
        const value = decode(raw);
        if (!safeValue(an, value)) continue;
        attrs += ` ${attrName}="${encode(value)}"`;
      }
      if (name === 'svg' && !/ xmlns="/.test(attrs)) attrs += ` xmlns="${SVG_NAMESPACE}"`;
      emit(`<${name}${attrs}${tag.selfClosing ? '/>' : '>'}`);
    }
    if (!tag.selfClosing) stack.push({ name, kept, dropping: drop });
  }
  while (stack.length) {
    const top = stack.pop()!;
    if (top.kept) emit(`</${top.name}>`);
  }
  return parts.join('').trim() + '\n';
}
