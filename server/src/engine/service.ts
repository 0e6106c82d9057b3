// The language service: the one engine behind the CLI and the language server. It keeps parsed
// documents and the workspace index, and answers "what is wrong with this file" as LSP diagnostics.
// Callers (adapters) do all I/O: they hand in text and get plain data back.
import { configProblems, DEFAULT_CONFIG, severityOf, type ResolvedConfig } from './config';
import { parseDocument, refusedDocument, unreadableDocument, type ParsedDocument, type ReadRefusal } from './document';
import { toDiagnostic } from './diagnostic';
import { decodeText } from './text';
import { kindFromName } from './kinds';
import { lineageFindingsFor } from './lineage/rules';
import { breakingFindingsFor, type BaseSnapshot } from './breaking/editor';
import { capFindings, TOO_MANY_FINDINGS } from './limits';
import { migrateOdcs, olderVersionFinding, type MigrationOutcome, type MigrationTarget } from './migrate/odcs';
import { rangeOf, type RawFinding } from './locate';
import { BUILTIN_SCHEMAS } from './schemaCatalog';
import { isSuppressed, readSuppressions } from './suppression';
import type { FileKind, Finding } from './types';
import { SchemaValidator, type SchemaEntry } from './validation';
import { WorkspaceIndex } from './workspace';

export interface LanguageServiceOptions {
  schemas?: readonly SchemaEntry[];
  config?: ResolvedConfig;
  /**
   * Reads a file's text again (the host's file system), for the documents let go by
   * `releaseDocument`; undefined when it cannot be read. Without it, documents are never let go.
   */
  reread?: (path: string) => string | undefined;
}

/** Documents read again (`reread`) and kept for the next question about the same file. */
const REREAD_KEPT = 16;

export { severityFromLsp } from './diagnostic';

export class LanguageService {
  readonly index: WorkspaceIndex;
  private readonly documents = new Map<string, ParsedDocument>();
  /** Files whose parsed document was let go (`releaseDocument`): the index keeps their facts only. */
  private readonly released = new Set<string>();
  /** The last documents read again for released files, oldest first. */
  private readonly reread = new Map<string, ParsedDocument>();
  private readonly rereadText: ((path: string) => string | undefined) | undefined;
  /** Every path with a document, released ones included (what the lineage graph lists). */
  private readonly allPaths = { keys: () => this.paths() };
  private readonly schemaFindings = new WeakMap<ParsedDocument, RawFinding[]>();
  private readonly validator: SchemaValidator;
  private currentConfig: ResolvedConfig;
  private affected: readonly string[] = [];
  private currentBase: BaseSnapshot | undefined;

  constructor(options: LanguageServiceOptions = {}) {
    this.validator = new SchemaValidator(options.schemas ?? BUILTIN_SCHEMAS);
    this.currentConfig = options.config ?? DEFAULT_CONFIG;
    this.rereadText = options.reread;
    this.index = new WorkspaceIndex((path) => this.getDocument(path));
  }

  get config(): ResolvedConfig {
    return this.currentConfig;
  }

  setConfig(config: ResolvedConfig): void {
    this.currentConfig = config;
  }

  /**
   * The base the contracts are compared with (an editor's `HEAD`), read by the caller
   * (engine/breaking/editor.ts `baseSnapshot`); undefined: no comparison. Its findings come from
   * `diagnose(path, { breaking: true })`, with their hover, quick fixes and code lens.
   */
  setBase(base: BaseSnapshot | undefined): void {
    this.currentBase = base;
  }

  get base(): BaseSnapshot | undefined {
    return this.currentBase;
  }

  /** The breaking-change findings of one contract against the base (none without a base). */
  breakingFindings(path: string): Finding[] {
    return this.currentBase ? breakingFindingsFor(this, this.currentBase, path) : [];
  }

  /**
   * The files whose findings the last `setDocument`, `setDocumentBytes`, `setParsedDocument` or
   * `removeDocument` may have changed (`WorkspaceIndex.update`'s answer; the file itself included):
   * an editor re-diagnoses the open ones.
   */
  get lastAffected(): readonly string[] {
    return this.affected;
  }

  /** Parses a file's text, replacing any earlier version, and updates the workspace index. */
  setDocument(path: string, text: string, kind?: FileKind): ParsedDocument {
    return this.setParsedDocument(parseDocument(path, text, { maxFileSize: this.currentConfig.maxFileSize, kind }));
  }

  /**
   * Installs a document the caller parsed itself (an editor re-parsing only what an edit changed).
   * It must be what `parseDocument(doc.path, doc.text)` gives: same kind, value, problems and AST.
   */
  setParsedDocument(doc: ParsedDocument): ParsedDocument {
    this.forgetReleased(doc.path);
    this.documents.set(doc.path, doc);
    this.affected = this.index.update(doc);
    return doc;
  }

  /**
   * Like `setDocument` for raw file contents: binary files and invalid UTF-8 become a finding
   * (on files whose name says they are ours) instead of a crash.
   */
  setDocumentBytes(path: string, bytes: Uint8Array, kind?: FileKind): ParsedDocument {
    // Over the limit: refused by its size in bytes (as on disk) before anything decodes it.
    const limit = this.currentConfig.maxFileSize;
    if (bytes.byteLength > limit)
      return this.setRefusedDocument(path, {
        reason: 'too-large',
        size: bytes.byteLength,
        limit,
        head: bytes.subarray(0, 64 * 1024),
      });
    const decoded = decodeText(bytes);
    if (decoded.ok) return this.setDocument(path, decoded.text, kind);
    const zero = { line: 0, character: 0 };
    const problem: RawFinding =
      decoded.reason === 'binary'
        ? {
            rule: 'yaml/binary',
            message: 'This file holds binary data (a NUL byte), not YAML text; it was skipped.',
            at: { range: { start: zero, end: zero } },
          }
        : {
            rule: 'yaml/encoding',
            message:
              `This file is not valid UTF-8: byte ${decoded.byteOffset + 1} (0x${bytes[decoded.byteOffset].toString(16).toUpperCase().padStart(2, '0')}) cannot be decoded (line ${decoded.line + 1}, column ${decoded.column + 1}). ` +
              'Save it as UTF-8 (it was probably written as Latin-1 or Windows-1252).',
            at: {
              range: {
                start: { line: decoded.line, character: decoded.column },
                end: { line: decoded.line, character: decoded.column + 1 },
              },
            },
          };
    const doc = unreadableDocument(path, problem, kind ?? kindFromName(path));
    this.forgetReleased(path);
    this.documents.set(path, doc);
    this.affected = [...new Set([path, ...this.index.remove(path)])].sort();
    return doc;
  }

  /** A file the host did not read (a link out of the workspace, a FIFO, over the size limit): one finding. */
  setRefusedDocument(path: string, refusal: ReadRefusal): ParsedDocument {
    const doc = refusedDocument(path, refusal);
    this.forgetReleased(path);
    this.documents.set(path, doc);
    this.affected = [...new Set([path, ...this.index.remove(path)])].sort();
    return doc;
  }

  removeDocument(path: string): void {
    this.forgetReleased(path);
    this.documents.delete(path);
    this.affected = this.index.remove(path);
  }

  /**
   * Lets a file's parsed document go (its text, value and lines: most of a large workspace's
   * memory); the index keeps its facts, which is all the cross-file rules read of a file nobody is
   * editing. Asked for again (`getDocument`: a finding's position, go-to-definition, rename), the file
   * is read again with `reread` and parsed; the last few are kept. Only when the service has `reread`,
   * and only for documents the index holds facts of.
   */
  releaseDocument(path: string): boolean {
    if (!this.rereadText || !this.index.facts(path) || !this.documents.has(path)) return false;
    this.documents.delete(path);
    this.released.add(path);
    this.index.release(path);
    return true;
  }

  /** Whether the service knows a file (its document held or released). */
  hasDocument(path: string): boolean {
    return this.documents.has(path) || this.released.has(path);
  }

  /** Whether a file's parsed document is held (not released). */
  isHeld(path: string): boolean {
    return this.documents.has(path);
  }

  /** A file's parsed document; a released one is read again (see `releaseDocument`). */
  getDocument(path: string): ParsedDocument | undefined {
    const held = this.documents.get(path);
    if (held || !this.released.has(path)) return held;
    let doc = this.reread.get(path);
    if (doc) {
      this.reread.delete(path);
    } else {
      const text = this.rereadText?.(path);
      if (text === undefined) return undefined;
      doc = parseDocument(path, text, { maxFileSize: this.currentConfig.maxFileSize });
    }
    this.reread.set(path, doc);
    if (this.reread.size > REREAD_KEPT) this.reread.delete(this.reread.keys().next().value!);
    return doc;
  }

  /**
   * Holds a released file's document again (read again with `reread`), for as long as the file is
   * edited; nothing changes for a held one.
   */
  holdDocument(path: string): void {
    if (!this.released.has(path)) return;
    const doc = this.getDocument(path);
    this.forgetReleased(path);
    if (doc) this.documents.set(path, doc);
  }

  /** The document if it is held, without reading a released one again. */
  heldDocument(path: string): ParsedDocument | undefined {
    return this.documents.get(path);
  }

  *paths(): IterableIterator<string> {
    yield* this.documents.keys();
    yield* this.released;
  }

  private forgetReleased(path: string): void {
    this.released.delete(path);
    this.reread.delete(path);
  }

  /**
   * The findings of one file as the user sees them: configured, suppressed, located, sorted; with
   * `breaking`, its breaking changes against the base follow (an editor asks for its open documents).
   */
  diagnose(path: string, options: { breaking?: boolean } = {}): Finding[] {
    const found = this.diagnoseFile(path);
    return options.breaking && this.currentBase ? [...found, ...this.breakingFindings(path)] : found;
  }

  private diagnoseFile(path: string): Finding[] {
    const doc = this.getDocument(path);
    if (!doc || doc.multiDocument || (!doc.kind && !doc.refused)) return [];
    const raw: RawFinding[] = [...doc.problems];
    if (!doc.problems.length) {
      raw.push(...this.validateSchema(doc));
      const older = doc.kind === 'odcs' ? olderVersionFinding(doc.value) : undefined;
      if (older) raw.push(older);
      raw.push(...this.index.findingsFor(path));
      raw.push(...lineageFindingsFor(this.index, path, this.allPaths));
    }
    const suppressions = readSuppressions(doc.text, doc.lines);
    raw.push(...suppressions.problems);
    const findings: Finding[] = [];
    let omitted = 0;
    for (const finding of raw) {
      if (finding.rule === TOO_MANY_FINDINGS) {
        omitted += finding.omitted ?? 0;
        continue;
      }
      const severity = severityOf(this.currentConfig, finding.rule);
      if (severity === 'off') continue;
      const range = rangeOf(doc, finding.at);
      if (isSuppressed(suppressions, finding.rule, range.start.line)) continue;
      findings.push(toDiagnostic(finding, range, severity));
    }
    const moreSeverity = severityOf(this.currentConfig, TOO_MANY_FINDINGS);
    return capFindings(
      findings.sort(compareFindings),
      omitted,
      moreSeverity === 'off'
        ? undefined
        : (message, range) => toDiagnostic({ rule: TOO_MANY_FINDINGS, message }, range, moreSeverity),
    );
  }

  /**
   * An ODCS file's text carried to version `to` (engine/migrate/odcs.ts), checked with the
   * target's own schema: unknown keys the target has a `customProperties` for move there, and
   * what it still finds wrong is listed in `remaining`.
   */
  migrate(text: string, to: MigrationTarget): MigrationOutcome {
    return migrateOdcs(text, to, (value) => this.validator.validate('odcs', value));
  }

  /**
   * Compiles, ahead of need, the schema validator a file's first mistake would wait for (an editor
   * calls it while idle). False when there was nothing to do.
   */
  prepareValidation(path: string, dryRun = false): boolean {
    const doc = this.getDocument(path);
    if (!doc?.kind || doc.problems.length) return false;
    return dryRun ? this.validator.needsPreparing(doc.kind, doc.value) : this.validator.prepare(doc.kind, doc.value);
  }

  /**
   * The schema findings of a file (validated now unless known), for a host that keeps them: a
   * worker thread hands them to the main one, a cache keeps them for the same bytes.
   */
  schemaFindingsOf(path: string): readonly RawFinding[] | undefined {
    const doc = this.getDocument(path);
    return doc?.kind && !doc.problems.length && !doc.multiDocument ? this.validateSchema(doc) : undefined;
  }

  /** Installs schema findings computed elsewhere for the same document (see `schemaFindingsOf`). */
  setSchemaFindings(path: string, findings: readonly RawFinding[]): void {
    const doc = this.documents.get(path);
    if (doc) this.schemaFindings.set(doc, [...findings]);
  }

  private validateSchema(doc: ParsedDocument): RawFinding[] {
    let found = this.schemaFindings.get(doc);
    if (!found) {
      found = this.validator.validate(doc.kind!, doc.value);
      if (doc.kind === 'config') found.push(...configProblems(doc.value));
      this.schemaFindings.set(doc, found);
    }
    return found;
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}
