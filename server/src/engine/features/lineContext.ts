// Where the cursor is, read from the text's lines and indentation alone: the data path of the
// mapping or list it is in, and whether a key, a value or a list item is being typed. Works on
// text that does not parse (a half-typed key, a `key:` with nothing after it), which is the text
// completion sees most of the time. Block-style YAML (what contracts are written in) is read
// exactly; flow collections are understood on the cursor's own line.
import type { Position, Range } from 'vscode-languageserver-types';
import type { LineIndex } from '../lines';
import type { PathSegment } from '../locate';

interface MapFrame {
  type: 'map';
  col: number;
  key?: string;
  /** The current key's value is not on its line: a nested collection may follow. */
  awaiting: boolean;
  /** Keys seen in this mapping, and their scalar values as written. */
  scalars: Map<string, string | undefined>;
}

interface SeqFrame {
  type: 'seq';
  col: number;
  index: number;
  awaiting: boolean;
}

type Frame = MapFrame | SeqFrame;

export interface LineContext {
  /**
   * - `key`: a key of the mapping at `containerPath` (`prefix` typed so far);
   * - `value`: the value of `key` in the mapping at `containerPath`;
   * - `item`: an item of the list at `containerPath` after a typed `- `;
   * - `newItem`: a blank line where a new `- ` item of the list at `containerPath` can start.
   */
  mode: 'key' | 'value' | 'item' | 'newItem';
  containerPath: PathSegment[];
  key?: string;
  /** Index of the item (item mode). */
  index?: number;
  prefix: string;
  /** The text a completion replaces. */
  replace: Range;
  /** Column of the keys of the mapping being written (key/item modes) or of the `-` (newItem). */
  column: number;
  /** Keys present in the container mapping (key mode), from the text above and below the cursor. */
  presentKeys: Set<string>;
  /** Scalars written in each mapping on the way, by the mapping's data path. */
  scalars: { path: PathSegment[]; values: Map<string, string | undefined> }[];
  /** A value typed right after the colon: completions must bring their space. */
  needsSpace: boolean;
  /** The value is an item of a flow list (`[a, b|`). */
  flowItem: boolean;
  /** In key mode, the cursor sits inside an existing `key:`: only the key's name is replaced. */
  keyOnly: boolean;
  /** Key mode on a blank line right under a list whose items may continue at this column. */
  alsoNewItemOf?: PathSegment[];
  /** In key mode on the line of a `- `: the list and the item's index. */
  itemOf?: { path: PathSegment[]; index: number };
}

interface LineParts {
  indent: number;
  /** Columns of the `-` markers at the start. */
  dashes: number[];
  /** Column of the content after the markers. */
  contentCol: number;
  key?: string;
  /** Column just past the key's colon. */
  colonEnd?: number;
  /** The value after `key:` (or the item scalar), without a trailing comment. */
  rest: string;
  restCol: number;
  comment: boolean;
  blank: boolean;
}

export function parseLine(line: string): LineParts {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  const indent = i;
  const parts: LineParts = { indent, dashes: [], contentCol: i, rest: '', restCol: i, comment: false, blank: false };
  if (i >= line.length || line.slice(i).trim() === '') {
    parts.blank = true;
    return parts;
  }
  while (line[i] === '-' && (i + 1 >= line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
    parts.dashes.push(i);
    i++;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  }
  parts.contentCol = i;
  if (i >= line.length) return parts;
  if (line[i] === '#') {
    parts.comment = parts.dashes.length === 0;
    return parts;
  }
  const key = readKey(line, i);
  let restStart = i;
  if (key) {
    parts.key = key.key;
    parts.colonEnd = key.end;
    restStart = key.end;
    while (restStart < line.length && (line[restStart] === ' ' || line[restStart] === '\t')) restStart++;
  }
  parts.restCol = restStart;
  parts.rest = stripComment(line.slice(restStart)).trimEnd();
  return parts;
}

/** A key starting at `i` (plain or quoted) followed by `:` and a space or the end of the line. */
export function readKey(line: string, i: number): { key: string; end: number } | undefined {
  const c = line[i];
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < line.length) {
      if (c === '"' && line[j] === '\\') {
        j += 2;
        continue;
      }
      if (line[j] === c) {
        if (c === "'" && line[j + 1] === "'") {
          j += 2;
          continue;
        }
        break;
      }
      j++;
    }
    if (j >= line.length) return undefined;
    const raw = line.slice(i, j + 1);
    let k = j + 1;
    while (line[k] === ' ' || line[k] === '\t') k++;
    if (line[k] !== ':' || !(k + 1 >= line.length || line[k + 1] === ' ' || line[k + 1] === '\t')) return undefined;
    return { key: c === '"' ? safeJson(raw) : raw.slice(1, -1).replace(/''/g, "'"), end: k + 1 };
  }
  if (
    c === '[' ||
    c === '{' ||
    c === '#' ||
    c === '&' ||
    c === '*' ||
    c === '!' ||
    c === '|' ||
    c === '>' ||
    c === '%' ||
    c === '@' ||
    c === '`'
  )
    return undefined;
  if (c === '?' && (line[i + 1] === ' ' || i + 1 >= line.length)) return undefined;
  for (let j = i; j < line.length; j++) {
    if (line[j] === '#' && j > i && (line[j - 1] === ' ' || line[j - 1] === '\t')) return undefined;
    if (line[j] === ':' && (j + 1 >= line.length || line[j + 1] === ' ' || line[j + 1] === '\t')) {
      const key = line.slice(i, j).trimEnd();
      return key ? { key, end: j + 1 } : undefined;
    }
  }
  return undefined;
}

function safeJson(raw: string): string {
  try {
    return String(JSON.parse(raw));
  } catch {
    return raw.slice(1, -1);
  }
}

function stripComment(value: string): string {
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,]/.test(value[i - 1]))) {
      quote = c;
      continue;
    }
    if (c === '#' && (i === 0 || value[i - 1] === ' ' || value[i - 1] === '\t')) return value.slice(0, i);
  }
  return value;
}

const BLOCK_SCALAR = /^(?:[!&][^\s]*\s+)*[|>][0-9+-]*$/;

/** Net depth of flow brackets opened on a line (quotes skipped). */
function flowDepth(value: string): number {
  let depth = 0;
  let quote = '';
  for (const c of value) {
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth;
}

class Scanner {
  readonly stack: Frame[] = [];

  popFor(col: number, forKey: boolean): void {
    const stack = this.stack;
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.col > col) {
        stack.pop();
        continue;
      }
      if (top.col === col && top.type === 'seq' && forKey) {
        stack.pop();
        continue;
      }
      if (top.col === col && top.type === 'map' && !forKey && !top.awaiting) {
        stack.pop();
        continue;
      }
      break;
    }
  }

  dash(col: number): SeqFrame {
    this.popFor(col, false);
    const top = this.stack[this.stack.length - 1];
    if (top?.type === 'seq' && top.col === col) {
      top.index++;
      top.awaiting = true;
      return top;
    }
    if (top) top.awaiting = false;
    const seq: SeqFrame = { type: 'seq', col, index: 0, awaiting: true };
    this.stack.push(seq);
    return seq;
  }

  /** The mapping whose keys start at `col`, created when the line opens it. */
  map(col: number): MapFrame {
    this.popFor(col, true);
    const top = this.stack[this.stack.length - 1];
    if (top?.type === 'map' && top.col === col) return top;
    if (top) top.awaiting = false;
    const map: MapFrame = { type: 'map', col, awaiting: false, scalars: new Map() };
    this.stack.push(map);
    return map;
  }

  /** Data path of the frame at `depth` (the frames below it give their current key or index). */
  pathTo(depth: number): PathSegment[] {
    const path: PathSegment[] = [];
    for (let i = 0; i < depth; i++) {
      const frame = this.stack[i];
      if (frame.type === 'map') path.push(frame.key ?? '');
      else path.push(frame.index);
    }
    return path;
  }
}

/** The cursor's context; undefined inside a comment, a block scalar or the lines of a multi-line scalar. */
export function lineContext(text: string, lines: LineIndex, position: Position): LineContext | undefined {
  const scanner = new Scanner();
  const lineText = (n: number) => text.slice(lines.lineStart(n), lines.lineEnd(n));
  const cursorLine = Math.min(position.line, lines.lineCount - 1);

  // Lines above the cursor build the stack of open collections.
  let blockParent = -1; // inside a block scalar whose parent is at this column
  // After `key: text` (or `- text`), a line indented deeper than the key (or the dash) goes on with
  // that text (a multi-line plain or quoted scalar): free text, whatever it looks like.
  let scalarParent = -1;
  let flowOpen = 0;
  for (let n = 0; n < cursorLine; n++) {
    const raw = lineText(n);
    const parts = parseLine(raw);
    if (blockParent >= 0) {
      if (parts.blank || parts.indent > blockParent) continue;
      blockParent = -1;
    }
    if (scalarParent >= 0) {
      if (parts.blank || parts.indent > scalarParent) continue;
      scalarParent = -1;
    }
    if (flowOpen > 0) {
      flowOpen += flowDepth(raw);
      continue;
    }
    if (parts.blank || parts.comment) continue;
    if (parts.indent === 0 && /^(---|\.\.\.|%)/.test(raw)) {
      scanner.stack.length = 0;
      continue;
    }
    applyLine(scanner, parts);
    if (parts.rest && BLOCK_SCALAR.test(parts.rest)) {
      blockParent =
        parts.key !== undefined ? parts.contentCol : (parts.dashes[parts.dashes.length - 1] ?? parts.indent);
    } else if (parts.rest && /^[[{]/.test(parts.rest)) {
      flowOpen = Math.max(0, flowDepth(parts.rest));
    } else if (parts.rest && !/^[!&][^\s]*$/.test(parts.rest) && (parts.key !== undefined || parts.dashes.length)) {
      scalarParent = parts.key !== undefined ? parts.contentCol : parts.dashes[parts.dashes.length - 1];
    }
  }

  const full = lineText(cursorLine);
  const ch = Math.min(position.character, full.length);
  if (blockParent >= 0) {
    const parts = parseLine(full);
    if (!(parts.indent <= blockParent && !parts.blank) && !(parts.blank && ch <= blockParent)) return undefined;
  }
  if (flowOpen > 0) return undefined;
  if (scalarParent >= 0) {
    const parts = parseLine(full);
    // On a line that goes on with the text above (or a blank one, deeper than where a key could start).
    if ((!parts.blank && parts.indent > scalarParent) || (parts.blank && ch > scalarParent)) return undefined;
  }
  const before = full.slice(0, ch);
  const parts = parseLine(before);
  if (parts.comment) return undefined;
  if (/(^|\s)#/.test(stripQuotedText(before.slice(parts.contentCol)))) return undefined;

  const line = cursorLine;
  const range = (from: number, to = ch): Range => ({ start: { line, character: from }, end: { line, character: to } });
  const base = {
    presentKeys: new Set<string>(),
    needsSpace: false,
    flowItem: false,
    keyOnly: false,
  };

  // Markers typed on the cursor line.
  let itemOf: { path: PathSegment[]; index: number } | undefined;
  for (const dash of parts.dashes) {
    const seq = scanner.dash(dash);
    itemOf = { path: scanner.pathTo(scanner.stack.length - 1), index: seq.index };
  }

  const fullParts = parseLine(full);
  if (parts.key !== undefined && parts.colonEnd !== undefined) {
    // A value after `key:`.
    const map = scanner.map(parts.contentCol);
    map.key = parts.key;
    const containerPath = scanner.pathTo(scanner.stack.length - 1);
    let valueText = before.slice(parts.colonEnd);
    const needsSpace = valueText.length === 0;
    const lead = valueText.length - valueText.trimStart().length;
    let start = parts.colonEnd + lead;
    valueText = valueText.trimStart();
    let flowItem = false;
    const key = parts.key;
    let index: number | undefined;
    if (valueText.startsWith('[')) {
      const cut = Math.max(valueText.lastIndexOf('['), valueText.lastIndexOf(','));
      const after = valueText.slice(cut + 1);
      start += cut + 1 + (after.length - after.trimStart().length);
      valueText = after.trimStart();
      flowItem = true;
      index = before.slice(parts.colonEnd).split(',').length - 1;
    }
    let quoteLen = 0;
    if (valueText.startsWith('"') || valueText.startsWith("'")) {
      quoteLen = 1;
      valueText = valueText.slice(1);
    }
    const scalars = collectScalars(scanner, text, lines, cursorLine, map);
    return {
      ...base,
      mode: 'value',
      containerPath,
      key,
      index,
      prefix: valueText,
      replace: range(start + quoteLen),
      column: parts.contentCol,
      scalars,
      needsSpace,
      flowItem,
      itemOf,
    };
  }

  // A key (maybe half-typed), a list item, or a blank line.
  const column = parts.blank ? ch : parts.contentCol;
  const prefix = parts.blank ? '' : before.slice(parts.contentCol);
  if (/[:[\]{}]/.test(prefix) || prefix.startsWith('"') || prefix.startsWith("'")) {
    // Not a key being typed (a scalar with punctuation); only list items of references go on.
    if (!parts.dashes.length) return undefined;
  }
  let replaceEnd = ch;
  let keyOnly = false;
  if (
    fullParts.key !== undefined &&
    fullParts.contentCol === parts.contentCol &&
    fullParts.colonEnd !== undefined &&
    ch < fullParts.colonEnd
  ) {
    replaceEnd = fullParts.colonEnd - 1;
    while (replaceEnd > column && full[replaceEnd - 1] === ' ') replaceEnd--;
    keyOnly = true;
  }

  if (parts.dashes.length && !parts.blank && itemOf) {
    // `- ` then maybe a half-typed key or scalar: an item of the list.
    const seqDepth = scanner.stack.length - 1;
    const map = scanner.map(column);
    const present = keyOnly ? new Set<string>() : presentBelow(text, lines, cursorLine, column);
    const scalars = collectScalars(scanner, text, lines, cursorLine, map, false);
    return {
      ...base,
      mode: 'item',
      containerPath: scanner.pathTo(seqDepth),
      index: itemOf.index,
      prefix,
      replace: range(column, replaceEnd),
      column,
      presentKeys: present,
      scalars,
      keyOnly,
      itemOf,
    };
  }

  // Key mode. A blank line at the column of a list's `-` may also start a new item of it.
  while (scanner.stack.length && scanner.stack[scanner.stack.length - 1].col > column) scanner.stack.pop();
  const top = scanner.stack[scanner.stack.length - 1];
  let alsoNewItemOf: PathSegment[] | undefined;
  if (parts.blank && top?.type === 'seq' && top.col === column) {
    const seqPath = scanner.pathTo(scanner.stack.length - 1);
    const parent = scanner.stack[scanner.stack.length - 2];
    if (!(parent?.type === 'map' && parent.col === column)) {
      return {
        ...base,
        mode: 'newItem',
        containerPath: seqPath,
        index: top.index + 1,
        prefix: '',
        replace: range(ch),
        column,
        scalars: [],
      };
    }
    alsoNewItemOf = seqPath;
  }
  let map: MapFrame;
  const keyTop = scanner.stack[scanner.stack.length - 1];
  if (keyTop?.type === 'map' && keyTop.col < column && !keyTop.awaiting) {
    // Deeper than the mapping, under a key that has its value: keep to that mapping.
    map = keyTop;
  } else {
    map = scanner.map(column);
  }
  const containerPath = scanner.pathTo(scanner.stack.length - 1);
  const present = new Set<string>([...map.scalars.keys()]);
  for (const k of presentBelow(text, lines, cursorLine, map.col)) present.add(k);
  if (keyOnly && fullParts.key !== undefined) present.delete(fullParts.key);
  const scalars = collectScalars(scanner, text, lines, cursorLine, map);
  return {
    ...base,
    mode: 'key',
    containerPath,
    prefix,
    replace: range(map.col === column ? column : ch, replaceEnd),
    column: map.col,
    presentKeys: present,
    scalars,
    keyOnly,
    alsoNewItemOf,
  };
}

function applyLine(scanner: Scanner, parts: LineParts): void {
  for (const dash of parts.dashes) scanner.dash(dash);
  if (parts.key !== undefined) {
    const map = scanner.map(parts.contentCol);
    map.key = parts.key;
    const value = parts.rest;
    map.awaiting = value === '' || /^[!&][^\s]*$/.test(value);
    map.scalars.set(parts.key, value === '' || BLOCK_SCALAR.test(value) || /^[[{]/.test(value) ? undefined : value);
  } else if (parts.dashes.length) {
    const top = scanner.stack[scanner.stack.length - 1];
    if (top?.type === 'seq') top.awaiting = parts.rest === '';
  }
}

/** Keys of the mapping at `col` on the lines after the cursor (until the mapping ends). */
function presentBelow(
  text: string,
  lines: LineIndex,
  cursorLine: number,
  col: number,
  into = new Map<string, string | undefined>(),
): Set<string> {
  const keys = new Set<string>();
  for (let n = cursorLine + 1; n < lines.lineCount; n++) {
    const parts = parseLine(text.slice(lines.lineStart(n), lines.lineEnd(n)));
    if (parts.blank || parts.comment) continue;
    if (parts.indent < col) break;
    if (parts.indent > col) continue;
    if (parts.dashes.length || parts.key === undefined) break;
    keys.add(parts.key);
    if (!into.has(parts.key))
      into.set(parts.key, parts.rest === '' || BLOCK_SCALAR.test(parts.rest) ? undefined : parts.rest);
  }
  return keys;
}

/** The scalars of every mapping on the way to the cursor; the innermost one completed with the lines below. */
function collectScalars(
  scanner: Scanner,
  text: string,
  lines: LineIndex,
  cursorLine: number,
  inner: MapFrame,
  below = true,
): LineContext['scalars'] {
  const out: LineContext['scalars'] = [];
  scanner.stack.forEach((frame, depth) => {
    if (frame.type !== 'map') return;
    const values = new Map(frame.scalars);
    if (frame === inner && below) presentBelow(text, lines, cursorLine, frame.col, values);
    out.push({ path: scanner.pathTo(depth), values });
  });
  return out;
}

function stripQuotedText(s: string): string {
  return s.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""');
}

/** A scalar as written (`"a"`, `'b'`, `12`, `true`) to the value YAML would read. */
export function scalarValue(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s.startsWith('"')) return safeJson(s.endsWith('"') && s.length > 1 ? s : s + '"');
  if (s.startsWith("'")) return s.replace(/^'|'$/g, '').replace(/''/g, "'");
  if (/^(true|True|TRUE)$/.test(s)) return true;
  if (/^(false|False|FALSE)$/.test(s)) return false;
  if (/^[-+]?(\d+|\d*\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s);
  return s;
}
