// Reading only what a focused lineage view needs (`pactline lineage --focus` in a large workspace).
//
// Most files of a big workspace are ODCS contracts whose edges stay inside themselves (shorthand
// relationships between their own columns). Such a contract can only appear in a view when
// another file's edge, or the focus itself, names its id; so a cheap, exact look at its text (its
// kind, its top-level `id:` line, and that nothing in it can name another file or dataset) lets
// the caller leave it unparsed until something names it. Everything else (pipelines, products,
// DCS contracts, any contract the look is not certain about) is parsed as usual, and what those
// files name (`lineageNeeds`) is read next, until nothing new is named.
//
// The look must never be wrong, only unsure: an unsure file is parsed. The tests compare the
// focused read's output with the full read's byte for byte (test/lineage/focusedRead.test.ts).
import { detectKind } from '../kinds';
import type { FileFacts } from '../workspace';
import { dirName, joinPath, normalizePath, parseRelationshipRef } from '../workspaceRules';

/** A plain top-level `id:` whose value YAML reads as exactly this string (no quotes, comment, tag or number). */
const ID_LINE = /^id:[ \t]+([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*$/;
/** Plain scalars a YAML parser may read as something other than a string. */
const NOT_A_STRING = /^(?:true|false|null|yes|no|on|off|y|n)$/i;
/** A top-level key as a plain word, followed by its value (or nothing). */
const TOP_KEY = /^[A-Za-z_][A-Za-z0-9_-]*:(?:[ \t]|$)/;
/** A flow sequence or mapping on one line, without quotes, nesting or comments. */
const ONE_LINE_FLOW = /^(?:\[[^[\]{}"'#]*\]|\{[^[\]{}"'#]*\})[ \t]*$/;
const DOUBLE_QUOTED = /^"(?:[^"\\]|\\.)*"[ \t]*(?:#.*)?$/;
const SINGLE_QUOTED = /^'(?:[^']|'')*'[ \t]*(?:#.*)?$/;

/**
 * The id of an ODCS contract whose text says, for certain, that its model declares this id and that
 * its lineage edges stay within its own nodes; undefined when not certain (the file is then parsed).
 *
 * Certain means: the engine's own kind detection says ODCS; every line at column 0 is a comment or a
 * plain `key:` whose value ends on that line (so no other line at column 0 can be inside a value);
 * exactly one of them is `id:` with a plain word; no line break other than `\n` and `\r\n`; no
 * `transformSourceObjects`, no relationship naming another file (`….yaml#`), and no escape inside a
 * double-quoted string (which could spell either).
 */
export function scanContractId(path: string, text: string): string | undefined {
  if (text.includes('transformSourceObjects') || text.includes('.yaml#') || text.includes('.yml#')) return undefined;
  if (text.includes('\\') && text.includes('"')) return undefined;
  // Other line breaks (a lone carriage return; U+2028/9 to the kind's `^`) could start a top-level line.
  if ((text.includes('\r') && /\r(?!\n)/.test(text)) || text.includes('\u2028') || text.includes('\u2029'))
    return undefined;
  let id: string | undefined;
  // The lines at column 0: all the kind detection reads (its patterns start with a letter at a line start).
  const top: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const first = text.charCodeAt(start);
    // Indented lines, blank lines and comments cannot start a top-level key.
    if (first !== 0x20 && first !== 0x0a && first !== 0x23 && first !== 0x0d) {
      const line = text.charCodeAt(end - 1) === 0x0d ? text.slice(start, end - 1) : text.slice(start, end);
      if (!TOP_KEY.test(line)) return undefined;
      if (line.startsWith('id:')) {
        const m = ID_LINE.exec(line);
        if (!m || id !== undefined || NOT_A_STRING.test(m[1])) return undefined;
        id = m[1];
      } else if (!valueEndsOnItsLine(line.slice(line.indexOf(':') + 1).trim())) {
        return undefined;
      }
      top.push(line);
    } else if (first === 0x0d && end - start > 1) {
      return undefined;
    }
    start = end + 1;
  }
  return id !== undefined && detectKind(path, top.join('\n')) === 'odcs' ? id : undefined;
}

/** Whether a top-level value cannot continue on the next line at column 0 (a quote or flow left open). */
function valueEndsOnItsLine(value: string): boolean {
  const c = value.charAt(0);
  if (c === '"') return DOUBLE_QUOTED.test(value);
  if (c === "'") return SINGLE_QUOTED.test(value);
  if (c === '[' || c === '{') return ONE_LINE_FLOW.test(value);
  // An anchor or tag may precede any of the above.
  if (c === '&' || c === '!') return false;
  return true;
}

/** What a parsed file's lineage edges can reach: contracts by id, files by path, or anything at all. */
export interface LineageNeeds {
  /** Contract ids whose files must be read. */
  contracts: string[];
  /** Files (normalized paths, as `normalizePath` gives) that must be read. */
  files: string[];
  /** The file names datasets in free text (resolved against every dataset's physical name): read everything. */
  everything: boolean;
}

/**
 * What must be read for one parsed file's nodes and edges to come out as a full read gives them:
 * the contracts its edges name (pipeline inputs and outputs, product ports), the files its
 * relationships name, and its own id (every file declaring an id is read together: the first by
 * path is the contract). Free-text dataset names (ODCS `transformSourceObjects`, DCS lineage) may
 * resolve against any dataset's physical name, so they ask for everything.
 */
export function lineageNeeds(facts: FileFacts): LineageNeeds {
  const contracts: string[] = [];
  const files: string[] = [];
  let everything = false;
  const contract = facts.contract;
  if (contract) {
    if (contract.id !== undefined) {
      contracts.push(contract.id);
      // A node id `dataset:a/b/c` may be contract `a/b`'s or contract `a`'s (object `b/c`).
      const slash = contract.id.indexOf('/');
      if (slash >= 0) contracts.push(contract.id.slice(0, slash));
    }
    for (const object of contract.schemaObjects)
      for (const p of object.properties) if (p.transformSources?.length || p.lineage) everything = true;
    for (const rel of contract.relationships) {
      for (const ref of [...rel.from, ...rel.to]) {
        const parsed = parseRelationshipRef(ref.value);
        if (parsed?.form === 'qualified' && parsed.file !== undefined)
          files.push(normalizePath(joinPath(dirName(contract.file), parsed.file)));
      }
    }
  }
  for (const port of facts.product?.ports ?? []) if (port.contractId) contracts.push(port.contractId.value);
  for (const step of facts.pipeline?.steps ?? [])
    for (const end of [...step.inputs, ...step.outputs]) if (end.contract) contracts.push(end.contract.value);
  return { contracts, files, everything };
}

/**
 * The contract ids a focus as typed could name a node of (see `LineageGraph.resolveFocusExactly`):
 * the text without a `kind:` prefix, and each of its prefixes ending before a `/` or `.`.
 */
export function focusContracts(focus: string): string[] {
  const t = focus.trim();
  const colon = /^[a-z]+:/.exec(t);
  const out = new Set<string>([t]);
  for (const s of colon ? [t, t.slice(colon[0].length)] : [t]) {
    out.add(s);
    for (let i = 0; i < s.length; i++) if (s[i] === '/' || s[i] === '.') out.add(s.slice(0, i));
  }
  return [...out];
}
