// A fast reader for the YAML that data contracts are written in: block mappings and sequences,
// one-line plain and quoted scalars, block scalars, one-line flow collections of scalars, comments.
// It answers either exactly the value js-yaml's `load(text, { schema: CORE_SCHEMA })` gives, or
// `undefined` ("not sure": anchors, aliases, tags, multi-line plain or quoted scalars, explicit keys,
// directives, document markers, tabs in indentation, duplicate keys, anything odd), and then js-yaml
// reads the text as before. Plain scalars are resolved by js-yaml's own CORE_SCHEMA types.
//
// Each construct below mirrors the js-yaml loader routine named in its comment; where js-yaml would
// read further (a scalar continued on the next line) or throw, this reader gives up instead.
import * as jsyaml from 'js-yaml';

export interface FastLoad {
  readonly value: unknown;
  /**
   * Where lines could look like an unclosed quoted string or flow collection to
   * `hasUnderIndentedContinuation` (a block scalar's content, a continued plain scalar, a quoted
   * string or flow collection its scan reads differently, a BOM): [from, to) offset pairs. Only
   * there can that check fire; no other line ever sets it off.
   */
  readonly laxRegions: readonly number[];
}

interface ImplicitType {
  tag: string;
  resolve(data: string): boolean;
  construct(data: string): unknown;
}

// The types js-yaml's loader itself tries, in its order (`State.implicitTypes`). Should a js-yaml
// release change the list, this reader stays off rather than guess.
const CORE_TAGS = ['null', 'bool', 'int', 'float'].map((name) => `tag:yaml.org,2002:${name}`);
const implicitTypes: readonly ImplicitType[] | undefined = (() => {
  const list = (jsyaml.CORE_SCHEMA as unknown as { compiledImplicit?: ImplicitType[] }).compiledImplicit;
  return Array.isArray(list) && list.length === CORE_TAGS.length && list.every((t, i) => t.tag === CORE_TAGS[i])
    ? list
    : undefined;
})();

// By a plain scalar's first character, the types that can resolve it, in the loader's order: null
// is `~`/`null`/`Null`/`NULL`, bool `true`/`false` in three casings, int starts with a sign or a
// digit, float with a sign, a digit or `.`. The others refuse it, so asking only these gives the same
// first match; a scalar starting otherwise is a string without asking any.
const TYPES_BY_START: (readonly ImplicitType[] | undefined)[] = new Array<undefined>(128).fill(undefined);
if (implicitTypes) {
  const [nullType, boolType, intType, floatType] = implicitTypes;
  for (const c of '~nN') TYPES_BY_START[c.charCodeAt(0)] = [nullType];
  for (const c of 'tTfF') TYPES_BY_START[c.charCodeAt(0)] = [boolType];
  for (const c of '+-0123456789') TYPES_BY_START[c.charCodeAt(0)] = [intType, floatType];
  TYPES_BY_START['.'.charCodeAt(0)] = [floatType];
}

/** The loader's own test, applied here to the whole text (js-yaml applies it to scalars). */
const NON_PRINTABLE =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
const BARE_CR = /\r(?!\n)/;

/** Deeper nesting than contracts ever use: js-yaml reads it (and checks its limits). */
const MAX_FAST_DEPTH = 100;

// Double-quoted escapes, as the loader's `simpleEscapeSequence`.
const SIMPLE_ESCAPES: (string | undefined)[] = new Array(256);
for (const [c, v] of [
  ['0', '\x00'],
  ['a', '\x07'],
  ['b', '\x08'],
  ['t', '\x09'],
  ['\t', '\x09'],
  ['n', '\x0A'],
  ['v', '\x0B'],
  ['f', '\x0C'],
  ['r', '\x0D'],
  ['e', '\x1B'],
  [' ', ' '],
  ['"', '"'],
  ['/', '/'],
  ['\\', '\\'],
  ['N', '\x85'],
  ['_', '\xA0'],
  ['L', '\u2028'],
  ['P', '\u2029'],
])
  SIMPLE_ESCAPES[c.charCodeAt(0)] = v;

const SP = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

// The reader's state. It runs synchronously and calls nothing but js-yaml's resolvers, so one set
// of module variables serves every call.
let src = '';
let len = 0;
let pos = 0;
let lineStart = 0;
/** Indentation of the content line `pos` is on; -1 at the end of the text. */
let lineIndent = 0;
let depth = 0;
let nodes = 0;
let nodeLimit = 0;
let laxRegions: number[] = [];

/** Lines from `from` to `to` are for hasUnderIndentedContinuation to judge. */
function markLax(from: number, to: number): void {
  const n = laxRegions.length;
  if (n && laxRegions[n - 1] >= from) laxRegions[n - 1] = Math.max(laxRegions[n - 1], to);
  else laxRegions.push(from, to);
}
/** Where the last plain scalar's text ends (trailing blanks excluded). */
let plainEnd = 0;

const BAIL = { bail: true };
function bail(): never {
  throw BAIL;
}

/**
 * The value of a one-document YAML text, or undefined when this reader is not sure it would read it
 * exactly as js-yaml does. `maxNodes`: more values than this gives undefined (the caller's own
 * limit then applies on js-yaml's value).
 */
export function fastLoad(text: string, maxNodes: number): FastLoad | undefined {
  if (!implicitTypes || text.length === 0) return undefined;
  if (NON_PRINTABLE.test(text)) return undefined;
  if (text.includes('\r') && (BARE_CR.test(text) || text.charCodeAt(text.length - 1) === CR)) return undefined;
  // As js-yaml, read the text as ending in a line break: every line then ends in "\n".
  src = text.charCodeAt(text.length - 1) === LF ? text : text + '\n';
  len = src.length;
  pos = lineStart = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  depth = 0;
  nodes = 0;
  colonAt = hashAt = -1;
  colonAsked = hashAsked = 0;
  nodeLimit = maxNodes;
  laxRegions = [];
  // The continuation check reads a BOM as content of the first line.
  if (pos === 1) markLax(0, src.indexOf('\n') + 1);
  try {
    seekContent(true);
    if (lineIndent === 0 && src.startsWith('---', pos)) {
      // `---` opening the one document (readDocument, which takes `---a` as `---` and `a`); the
      // root starts on a later line.
      if (!isDocumentMarker(pos)) bail();
      pos += 3;
      endLine();
    }
    if (lineIndent < 0) return undefined; // no content: js-yaml's null or undefined
    const value = blockNode();
    if (lineIndent >= 0) return undefined; // more after the root node
    return { value, laxRegions };
  } catch (error) {
    if (error === BAIL || error instanceof RangeError) return undefined;
    throw error;
  } finally {
    src = '';
  }
}

/**
 * Whether the quoted string or flow collection opening at `at` closes before `end`, the way
 * `hasUnderIndentedContinuation` judges it (a cheap scan, not a parse).
 */
export function closesOnLine(text: string, at: number, end: number): boolean {
  const open = text[at];
  if (open === '"' || open === "'") {
    for (let i = at + 1; i < end; i++) {
      if (open === '"' && text[i] === '\\') {
        i++;
        continue;
      }
      if (text[i] === open) {
        if (open === "'" && text[i + 1] === "'") {
          i++;
          continue;
        }
        return true;
      }
    }
    return false;
  }
  let depth = 0;
  let quote = '';
  for (let i = at; i < end; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) return true;
    else if (c === '#' && text[i - 1] === ' ') return false;
  }
  return false;
}

/**
 * From the start of a line, past blank and comment lines to the next content (`lineIndent`).
 * `atStart`: a `---` opening the document is left for the caller.
 */
function seekContent(atStart = false): void {
  for (;;) {
    let p = pos;
    while (src.charCodeAt(p) === SP) p++;
    const c = src.charCodeAt(p);
    if (c === LF || c === CR || c === 35 /* # */) {
      pos = lineStart = src.indexOf('\n', p) + 1;
      continue;
    }
    if (p >= len) {
      pos = len;
      lineIndent = -1;
      return;
    }
    if (c === TAB) bail(); // in indentation, or a blank line js-yaml reads with its tab rules
    pos = p;
    lineIndent = p - lineStart;
    // A document marker or directive: js-yaml's stream handling, not this reader's.
    if (lineIndent === 0 && (c === 37 /* % */ || ((c === 46 || (c === 45 && !atStart)) && isDocumentMarker(p)))) bail();
    return;
  }
}

function isDocumentMarker(p: number): boolean {
  const c = src.charCodeAt(p);
  if (src.charCodeAt(p + 1) !== c || src.charCodeAt(p + 2) !== c) return false;
  const next = src.charCodeAt(p + 3);
  return next === SP || next === TAB || next === LF || next === CR;
}

/** After a value on its line: blanks, maybe a comment, the line break; then the next content. */
function endLine(): void {
  let c = src.charCodeAt(pos);
  while (c === SP || c === TAB) c = src.charCodeAt(++pos);
  if (c === 35 /* # */) {
    // js-yaml also takes `"a"#b` as a comment; the `yaml` package does not: leave it to them.
    if (src.charCodeAt(pos - 1) !== SP) bail();
    pos = src.indexOf('\n', pos);
    c = LF;
  } else if (c === CR) {
    c = src.charCodeAt(++pos);
  }
  if (c !== LF) bail();
  pos = lineStart = pos + 1;
  seekContent();
}

function count(): void {
  if (++nodes > nodeLimit) bail();
}

function enter(): void {
  if (++depth > MAX_FAST_DEPTH) bail();
}

/** A `-` that opens a block sequence entry (the loader's readBlockSequence test). */
function isSequenceEntry(): boolean {
  if (src.charCodeAt(pos) !== 45) return false;
  const next = src.charCodeAt(pos + 1);
  if (next === TAB) bail();
  return next === SP || next === LF || next === CR;
}

/** A block collection starting at `pos`, the first content of its line (composeNode, block). */
function blockNode(): unknown {
  const column = lineIndent;
  if (isSequenceEntry()) return blockSequence(column);
  return blockMapping(column, mappingKey());
}

/** readBlockSequence: entries `- …` at `column`. */
function blockSequence(column: number): unknown[] {
  enter();
  count();
  const result: unknown[] = [];
  for (;;) {
    pos++; // the `-`
    let c = src.charCodeAt(pos);
    while (c === SP) c = src.charCodeAt(++pos);
    if (c === TAB) bail();
    if (c === LF || c === CR || c === 35 /* # */) {
      endLine();
      if (lineIndent > column) {
        result.push(blockNode());
      } else {
        count();
        result.push(null);
        // js-yaml reads an entry at a lesser indentation right after an empty one as this
        // sequence's next entry (its readBlockSequence checks no indentation there): leave it to it.
        if (lineIndent >= 0 && lineIndent < column && isSequenceEntry()) bail();
      }
    } else {
      result.push(sequenceEntry(column));
    }
    if (lineIndent === column && isSequenceEntry()) continue;
    if (lineIndent > column) bail(); // js-yaml: bad indentation (or a continued scalar)
    break;
  }
  depth--;
  return result;
}

/** An entry's value on the `- ` line itself: a compact sequence or mapping, or a scalar. */
function sequenceEntry(column: number): unknown {
  const entryColumn = pos - lineStart;
  const c = src.charCodeAt(pos);
  if (c === 45 /* - */ && isSequenceEntry()) return blockSequence(entryColumn);
  if (c === 34 /* " */ || c === 39 /* ' */) {
    const value = quotedInBlock(c);
    skipSpaces();
    if (isMappingColon()) return blockMapping(entryColumn, value);
    count();
    endLine();
    return value;
  }
  if (c === 91 /* [ */ || c === 123 /* { */) return flowInBlock();
  if (c === 124 /* | */ || c === 62 /* > */) return blockScalar(column + 1);
  if (!isPlainStart(c)) bail();
  const start = pos;
  if (scanPlain()) return blockMapping(entryColumn, plainKey(start, plainEnd));
  return plainScalar(start, column + 1);
}

/** readBlockMapping: `key: value` pairs at `column`; `pos` is on the first key's `:`. */
function blockMapping(column: number, firstKey: string): Record<string, unknown> {
  enter();
  count();
  const result: Record<string, unknown> = {};
  let key = firstKey;
  for (;;) {
    pos++; // the `:`
    if (Object.prototype.hasOwnProperty.call(result, key)) bail(); // js-yaml: duplicated mapping key
    const value = mappingValue(column);
    // The loader's setProperty: `__proto__` becomes an own property, never the prototype.
    if (key === '__proto__')
      Object.defineProperty(result, key, { configurable: true, enumerable: true, writable: true, value });
    else result[key] = value;
    if (lineIndent > column) bail();
    if (lineIndent < column || isSequenceEntry()) break;
    key = mappingKey();
  }
  depth--;
  return result;
}

/** A key at `pos`, up to its `:` (left at `pos`), as js-yaml's storeMappingPair makes it a string. */
function mappingKey(): string {
  const c = src.charCodeAt(pos);
  if (c === 34 /* " */ || c === 39 /* ' */) {
    const key = quotedInBlock(c);
    skipSpaces();
    if (!isMappingColon()) bail();
    return key;
  }
  if (!isPlainStart(c)) bail();
  const start = pos;
  if (!scanPlain()) bail(); // a scalar on its own line, or a key spread over lines
  return plainKey(start, plainEnd);
}

/**
 * The key a plain scalar from `start` to `end` makes (storeMappingPair's `String(key)`). Most keys
 * of a workspace repeat (`name`, `logicalType`, …): a small table keyed by their text gives the
 * same string again without slicing and hashing it, and the objects then get keys V8 has interned.
 */
function plainKey(start: number, end: number): string {
  const length = end - start;
  // A hash of the length and three characters; the table checks the whole text.
  const hash =
    Math.imul(length, 0x9e3779b1) ^
    (src.charCodeAt(start) << 4) ^
    (src.charCodeAt(end - 1) << 9) ^
    (src.charCodeAt(start + (length >> 1)) << 14);
  const slot = (hash ^ (hash >>> 13)) & (KEY_SLOTS - 1);
  const known = keyTexts[slot];
  if (known !== undefined && known.length === length) {
    let i = 0;
    while (i < length && known.charCodeAt(i) === src.charCodeAt(start + i)) i++;
    if (i === length) return keyValues[slot];
  }
  let text = src.slice(start, end);
  if (text === '<<') bail(); // a merge key in other schemas: let js-yaml say what it is
  // A slice of 13 characters or more points into the whole text: copy it, not to keep the file.
  if (length >= 13) text = text.split('').join('');
  const key = String(resolvePlain(text));
  keyTexts[slot] = text;
  keyValues[slot] = key;
  return key;
}
const KEY_SLOTS = 4096;
const keyTexts: (string | undefined)[] = new Array<string | undefined>(KEY_SLOTS).fill(undefined);
const keyValues: string[] = new Array<string>(KEY_SLOTS).fill('');

/** `:` followed by a blank or the line break (after a quoted key). */
function isMappingColon(): boolean {
  if (src.charCodeAt(pos) !== 58) return false;
  const next = src.charCodeAt(pos + 1);
  return next === SP || next === LF || next === CR || next === TAB;
}

/** The value after `key:` in a mapping at `column` (composeNode, block-out, no compact forms). */
function mappingValue(column: number): unknown {
  let c = src.charCodeAt(pos);
  while (c === SP) c = src.charCodeAt(++pos);
  if (c === TAB) bail();
  if (c === LF || c === CR || c === 35 /* # */) {
    endLine();
    if (lineIndent > column) return blockNode();
    // The one block collection allowed at its parent's indentation: a sequence as a mapping value.
    if (lineIndent === column && isSequenceEntry()) return blockSequence(column);
    count();
    return null;
  }
  if (c === 34 /* " */ || c === 39 /* ' */) {
    const value = quotedInBlock(c);
    count();
    endLine();
    return value;
  }
  if (c === 91 /* [ */ || c === 123 /* { */) return flowInBlock();
  if (c === 124 /* | */ || c === 62 /* > */) return blockScalar(column + 1);
  if (!isPlainStart(c)) bail();
  const start = pos;
  if (scanPlain()) bail(); // `a: b: c`
  return plainScalar(start, column + 1);
}

/**
 * A plain scalar value whose first line `scanPlain` has read from `start`, with the lines that
 * continue it: those indented at least `nodeIndent` (its parent's indentation + 1), folded into
 * one space per line break, or n-1 newlines for n (readPlainScalar). Then on to the next content,
 * as `endLine`.
 */
function plainScalar(start: number, nodeIndent: number): unknown {
  let text = src.slice(start, plainEnd);
  for (;;) {
    const c = src.charCodeAt(pos);
    if (c !== LF && c !== CR) {
      endLine(); // a comment ends it
      break;
    }
    // skipSeparationSpace without comments: blank lines, then the next line's indentation
    let p = pos;
    let breaks = 0;
    let indent = 0;
    let nextLineStart = p;
    for (;;) {
      const d = src.charCodeAt(p);
      if (d === LF || d === CR) {
        p += d === CR ? 2 : 1;
        breaks++;
        nextLineStart = p;
        indent = 0;
        while (src.charCodeAt(p) === SP) {
          indent++;
          p++;
        }
        continue;
      }
      if (d === TAB) bail();
      break;
    }
    lineStart = nextLineStart;
    if (p >= len) {
      pos = len;
      lineIndent = -1;
      break;
    }
    const d = src.charCodeAt(p);
    if (d === 35) {
      // A comment line ends the scalar (readPlainScalar stops at a "#" after a blank).
      pos = nextLineStart;
      seekContent();
      break;
    }
    if (indent < nodeIndent) {
      // The next content line, read here already (seekContent's checks included).
      pos = p;
      lineIndent = indent;
      if (indent === 0 && (d === 37 || ((d === 45 || d === 46) && isDocumentMarker(p)))) bail();
      break;
    }
    markLax(nextLineStart, src.indexOf('\n', p) + 1); // a continuation line can look like anything
    pos = p;
    if (scanPlain()) bail(); // `key:` under a scalar: js-yaml refuses it
    text += (breaks === 1 ? ' ' : '\n'.repeat(breaks - 1)) + src.slice(p, plainEnd);
  }
  count();
  return resolvePlain(text);
}

function skipSpaces(): number {
  let c = src.charCodeAt(pos);
  while (c === SP) c = src.charCodeAt(++pos);
  if (c === TAB) bail();
  return c;
}

/**
 * Whether a plain scalar may start with `c` in block context (the loader's readPlainScalar test),
 * narrowed: no `?`, `:` or `-` + blank, which other constructs or errors own.
 */
function isPlainStart(c: number): boolean {
  switch (c) {
    case SP:
    case TAB:
    case LF:
    case CR:
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case 63: // ?
    case 58: // :
      return false;
    case 45: {
      const next = src.charCodeAt(pos + 1);
      return !(next === SP || next === TAB || next === LF || next === CR);
    }
    default:
      return c === c; // not NaN (the end of the text)
  }
}

/**
 * A one-line plain scalar in block context from `pos` (readPlainScalar). True when it ends at a
 * mapping `:` (then `pos` is on it); false when it ends at a comment or the line's end. `plainEnd`
 * is where its text ends, trailing blanks excluded. The scalar ends at the first `:` before a blank
 * or the line's end, or the first `#` after a blank, whichever comes first: both found with
 * `indexOf` (native, and remembered, since `#` is rare) rather than character by character.
 */
function scanPlain(): boolean {
  const lf = src.indexOf('\n', pos);
  let stop = lf;
  let colon = false;
  for (let at = colonFrom(pos); at < lf; at = colonFrom(at + 1)) {
    const next = src.charCodeAt(at + 1);
    if (next === SP || next === TAB || next === LF || next === CR) {
      stop = at;
      colon = true;
      break;
    }
  }
  for (let at = hashFrom(pos); at < stop; at = hashFrom(at + 1)) {
    const before = src.charCodeAt(at - 1);
    if (before === SP || before === TAB) {
      stop = at;
      colon = false;
      break;
    }
  }
  if (stop === lf && src.charCodeAt(lf - 1) === CR) stop--; // (CRs are all followed by LF)
  let end = stop;
  for (let c = src.charCodeAt(end - 1); c === SP || c === TAB; c = src.charCodeAt(--end - 1));
  plainEnd = end;
  pos = stop;
  return colon;
}

// The next `:` and `#` at or after a position, kept between calls (positions only move forward,
// but the cache checks where it was filled from).
let colonAt = -1;
let colonAsked = 0;
let hashAt = -1;
let hashAsked = 0;
function colonFrom(p: number): number {
  if (p < colonAsked || colonAt < p) {
    colonAt = src.indexOf(':', p);
    if (colonAt < 0) colonAt = len;
    colonAsked = p;
  }
  return colonAt;
}
function hashFrom(p: number): number {
  if (p < hashAsked || hashAt < p) {
    hashAt = src.indexOf('#', p);
    if (hashAt < 0) hashAt = len;
    hashAsked = p;
  }
  return hashAt;
}

/** A plain scalar's value under the core schema, by js-yaml's own resolvers (composeNode). */
function resolvePlain(raw: string): unknown {
  const c = raw.charCodeAt(0);
  const types = c < 128 ? TYPES_BY_START[c] : undefined;
  if (types !== undefined) {
    for (let i = 0; i < types.length; i++) if (types[i].resolve(raw)) return types[i].construct(raw);
  }
  return raw;
}

/** A quoted scalar that starts and ends on this line. */
function quotedInBlock(quote: number): string {
  const start = pos;
  const value = quote === 34 ? doubleQuoted() : singleQuoted();
  noteContinuationScan(start);
  return value;
}

/**
 * hasUnderIndentedContinuation scans lines for a quoted string or flow collection that does not
 * close on its line; where its scan and this reader disagree, the caller runs it.
 */
function noteContinuationScan(start: number): void {
  const end = src.indexOf('\n', start);
  if (!closesOnLine(src, start, end)) markLax(lineStart, end + 1);
}

/** readSingleQuotedScalar, on one line. */
function singleQuoted(): string {
  let p = pos + 1;
  let segment = p;
  let value = '';
  for (;;) {
    const c = src.charCodeAt(p);
    if (c === 39) {
      if (src.charCodeAt(p + 1) === 39) {
        value += src.slice(segment, p + 1);
        p += 2;
        segment = p;
        continue;
      }
      pos = p + 1;
      return value + src.slice(segment, p);
    }
    if (c === LF || c === CR) bail(); // continues on the next line
    p++;
  }
}

/** readDoubleQuotedScalar, on one line. */
function doubleQuoted(): string {
  let p = pos + 1;
  let segment = p;
  let value = '';
  for (;;) {
    const c = src.charCodeAt(p);
    if (c === 34) {
      pos = p + 1;
      return value + src.slice(segment, p);
    }
    if (c === 92 /* \ */) {
      value += src.slice(segment, p);
      const e = src.charCodeAt(p + 1);
      const simple = e < 256 ? SIMPLE_ESCAPES[e] : undefined;
      if (simple !== undefined) {
        value += simple;
        p += 2;
      } else {
        const digits = e === 120 /* x */ ? 2 : e === 117 /* u */ ? 4 : e === 85 /* U */ ? 8 : 0;
        if (digits === 0) bail(); // a line continuation, or js-yaml's "unknown escape sequence"
        let code = 0;
        for (let i = 0; i < digits; i++) {
          const h = hexValue(src.charCodeAt(p + 2 + i));
          if (h < 0) bail();
          code = (code << 4) + h; // as js-yaml computes it, 32-bit wrap included
        }
        value += charFromCodepoint(code);
        p += 2 + digits;
      }
      segment = p;
      continue;
    }
    if (c === LF || c === CR) bail();
    p++;
  }
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lc = c | 0x20;
  return lc >= 97 && lc <= 102 ? lc - 87 : -1;
}

/** The loader's charFromCodepoint, unchanged. */
function charFromCodepoint(c: number): string {
  if (c <= 0xffff) return String.fromCharCode(c);
  return String.fromCharCode(((c - 0x010000) >> 10) + 0xd800, ((c - 0x010000) & 0x03ff) + 0xdc00);
}

/** A flow collection as a block value: on one line, then the line's end. */
function flowInBlock(): unknown {
  const start = pos;
  const value = flowCollection();
  noteContinuationScan(start);
  endLine();
  return value;
}

/** readFlowCollection, narrowed to one line of scalars: `[a, "b", 1]`, `{a: 1, b: x}`. */
function flowCollection(): unknown {
  enter();
  count();
  const isMapping = src.charCodeAt(pos) === 123;
  const terminator = isMapping ? 125 : 93;
  const list: unknown[] = [];
  const map: Record<string, unknown> = {};
  pos++;
  let readNext = true;
  for (;;) {
    let c = skipSpaces();
    if (c === terminator) {
      pos++;
      break;
    }
    if (!readNext) bail();
    let node = flowScalar(c);
    c = skipSpaces();
    if (isMapping) {
      if (c !== 58 || src.charCodeAt(pos + 1) !== SP) bail();
      pos++;
      // storeMappingPair makes every key a string.
      const key = String(node);
      if (key === '<<') bail();
      node = flowScalar(skipSpaces());
      if (Object.prototype.hasOwnProperty.call(map, key)) bail();
      if (key === '__proto__')
        Object.defineProperty(map, key, { configurable: true, enumerable: true, writable: true, value: node });
      else map[key] = node;
      c = skipSpaces();
    } else {
      if (c === 58) bail(); // an implicit pair `[a: b]`
      list.push(node);
    }
    if (c === 44 /* , */) {
      pos++;
      readNext = true;
    } else {
      readNext = false;
    }
  }
  depth--;
  return isMapping ? map : list;
}

/** A scalar inside a one-line flow collection: quoted, or plain (readPlainScalar in flow context). */
function flowScalar(c: number): unknown {
  count();
  if (c === 34) return doubleQuoted();
  if (c === 39) return singleQuoted();
  if (!isPlainStart(c)) bail();
  if ((c === 45 || c === 63 || c === 58) && isFlowIndicator(src.charCodeAt(pos + 1))) bail();
  const start = pos;
  let p = pos;
  let end = p;
  for (;;) {
    const ch = src.charCodeAt(p);
    if (ch === 58) {
      const next = src.charCodeAt(p + 1);
      if (next === SP || next === TAB || next === LF || next === CR || isFlowIndicator(next)) break;
    } else if (ch === 35) {
      const before = src.charCodeAt(p - 1);
      if (before === SP || before === TAB) bail(); // a comment inside the collection
    } else if (ch === LF || ch === CR || isFlowIndicator(ch)) {
      break;
    }
    if (ch !== SP && ch !== TAB) end = p + 1;
    p++;
  }
  pos = p;
  return resolvePlain(src.slice(start, end));
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/**
 * readBlockScalar (`|` or `>`, chomping and indentation indicators), ported line for line;
 * `nodeIndent` is its parent's indentation + 1. Leaves `pos` on the next content line.
 */
function blockScalar(nodeIndent: number): string {
  count();
  const folding = src.charCodeAt(pos) === 62;
  let chomping = CLIP;
  let didReadContent = false;
  let detectedIndent = false;
  let textIndent = nodeIndent;
  let emptyLines = 0;
  let atMoreIndented = false;
  let result = '';
  let ch: number;
  for (;;) {
    ch = src.charCodeAt(++pos);
    if (ch === 43 /* + */ || ch === 45 /* - */) {
      if (chomping !== CLIP) bail();
      chomping = ch === 43 ? KEEP : STRIP;
    } else if (ch >= 48 && ch <= 57) {
      if (ch === 48 || detectedIndent) bail();
      textIndent = nodeIndent + (ch - 48) - 1;
      detectedIndent = true;
    } else {
      break;
    }
  }
  if (ch === SP || ch === TAB) {
    do ch = src.charCodeAt(++pos);
    while (ch === SP || ch === TAB);
    if (ch === 35) {
      if (src.charCodeAt(pos - 1) !== SP) bail();
      pos = src.indexOf('\n', pos);
      ch = LF;
    }
  }
  const contentFrom = pos; // the header's line break: its lines can look like anything
  for (;;) {
    // readLineBreak
    if (ch === LF) pos++;
    else if (ch === CR && src.charCodeAt(pos + 1) === LF) pos += 2;
    else bail();
    lineStart = pos;
    let indent = 0;
    ch = src.charCodeAt(pos);
    while ((!detectedIndent || indent < textIndent) && ch === SP) {
      indent++;
      ch = src.charCodeAt(++pos);
    }
    if (!detectedIndent && indent > textIndent) textIndent = indent;
    if (ch === LF || ch === CR) {
      emptyLines++;
      continue;
    }
    if (!detectedIndent && textIndent === 0) bail();
    if (indent < textIndent) {
      // The end of the scalar (also at the end of the text, after its last line break).
      if (chomping === KEEP) result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
      else if (chomping === CLIP && didReadContent) result += '\n';
      break;
    }
    if (folding) {
      if (ch === SP || ch === TAB) {
        atMoreIndented = true;
        result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
      } else if (atMoreIndented) {
        atMoreIndented = false;
        result += '\n'.repeat(emptyLines + 1);
      } else if (emptyLines === 0) {
        if (didReadContent) result += ' ';
      } else {
        result += '\n'.repeat(emptyLines);
      }
    } else {
      result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
    }
    didReadContent = true;
    detectedIndent = true;
    emptyLines = 0;
    const captureStart = pos;
    while (ch !== LF && ch !== CR && pos < len) ch = src.charCodeAt(++pos);
    result += src.slice(captureStart, pos);
  }
  markLax(contentFrom, lineStart);
  // The line that ended it is read again as structure.
  pos = lineStart;
  seekContent();
  return result;
}

const CLIP = 1;
const STRIP = 2;
const KEEP = 3;
