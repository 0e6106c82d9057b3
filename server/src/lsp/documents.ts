// The documents open in the editor: where each belongs (its folder's language service, the loose
// one for files outside, the ignored one for files the configuration ignores), its text handed to
// the engine (re-parsing only what an edit changed), and the disk version back when it closes.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { FindingCounts } from '../../../protocol/pactline';
import { isYamlPath } from '../engine/kinds';
import type { Folder } from './folder';
import { IncrementalParser } from './incremental';
import { fsPathOf } from './paths';
import type { PactlineServer } from './server';
import { debounceOf } from './settings';

export interface Validation {
  version: number;
  diagnostics: Diagnostic[];
  counts: FindingCounts;
  resultId: string;
  epochMs: number;
  durationMs: number;
}

/** A document open in the editor. */
export interface OpenDocument {
  uri: string;
  /** The folder whose language service holds it (the loose folder for ignored files and files outside). */
  folder: Folder;
  path: string;
  /** In a workspace folder whose configuration ignores it: no findings, as in CI. */
  ignored: boolean;
  /** The version last handed to the engine. */
  syncedVersion: number | undefined;
  timer: NodeJS.Timeout | undefined;
  validated: Validation | undefined;
  /** Pull requests waiting for the next validation. */
  waiters: (() => void)[];
}

/** The open documents, by URI and by folder and engine path. */
export class OpenDocuments {
  readonly byUri = new Map<string, OpenDocument>();
  readonly byFolder = new Map<Folder, Map<string, OpenDocument>>();
  /** URIs of loose documents that have no file (untitled:), by engine path. */
  readonly looseUris = new Map<string, string>();
  readonly incremental = new IncrementalParser();

  constructor(private readonly server: PactlineServer) {}

  /** Where a document belongs: its folder and engine path, or the loose folder. */
  private place(uri: string): { folder: Folder; path: string; ignored: boolean } {
    const fsPath = fsPathOf(uri);
    if (fsPath !== undefined) {
      const folder = this.server.folderOf(fsPath);
      const enginePath = folder?.pathOf(fsPath);
      if (folder && enginePath !== undefined) {
        if (!folder.isIgnored(enginePath)) return { folder, path: enginePath, ignored: false };
        return { folder: this.server.ignored, path: this.server.ignored.pathOf(fsPath)!, ignored: true };
      }
      return { folder: this.server.loose, path: this.server.loose.pathOf(fsPath)!, ignored: false };
    }
    // untitled: and other schemes: a name the engine can detect the kind of by content.
    const name = uri.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '').replace(/[?#].*$/, '');
    const enginePath = `${uri.slice(0, uri.indexOf(':'))}/${decodeURIComponent(name)}${isYamlPath(name) ? '' : '.yaml'}`;
    this.looseUris.set(enginePath, uri);
    return { folder: this.server.loose, path: enginePath, ignored: false };
  }

  opened(td: TextDocument): void {
    const existing = this.byUri.get(td.uri);
    if (existing) this.forget(existing);
    const where = this.place(td.uri);
    const doc: OpenDocument = {
      uri: td.uri,
      folder: where.folder,
      path: where.path,
      ignored: where.ignored,
      syncedVersion: undefined,
      timer: undefined,
      validated: undefined,
      waiters: [],
    };
    this.byUri.set(td.uri, doc);
    this.atFolder(doc.folder).set(doc.path, doc);
    // The text the editor opened is the truth, whatever was read from disk or seen before (no
    // cache keyed by version survives a close: reopening always validates afresh).
    this.sync(doc, td);
    this.server.diagnostics.schedule(doc, 0);
  }

  changed(td: TextDocument): void {
    const doc = this.byUri.get(td.uri);
    if (!doc || doc.syncedVersion === td.version) return; // the open itself
    this.server.diagnostics.schedule(doc, debounceOf(this.server.settings));
  }

  closed(td: TextDocument): void {
    const doc = this.byUri.get(td.uri);
    if (!doc) return;
    this.forget(doc);
    if (!this.server.pullDiagnostics && !this.server.shuttingDown)
      void this.server.connection.sendDiagnostics({ uri: td.uri, diagnostics: [] });
  }

  /** Stops tracking an open document; its engine entry falls back to the file on disk. */
  private forget(doc: OpenDocument): void {
    if (doc.timer) clearTimeout(doc.timer);
    doc.timer = undefined;
    this.byUri.delete(doc.uri);
    this.atFolder(doc.folder).delete(doc.path);
    this.incremental.forget(doc.folder.service, doc.path);
    for (const waiter of doc.waiters.splice(0)) waiter();
    void this.revertToDisk(doc.folder, doc.path);
  }

  private async revertToDisk(folder: Folder, enginePath: string): Promise<void> {
    if (folder === this.server.loose || folder === this.server.ignored) {
      if (!this.atFolder(folder).has(enginePath)) folder.service.removeDocument(enginePath);
      this.looseUris.delete(enginePath);
      return;
    }
    const fsPath = folder.fsPathOf(enginePath)!;
    const read = await this.server.disk.readDisk(folder, fsPath);
    const bytes = read.status === 'ok' ? read.bytes : undefined;
    // Reopened meanwhile: the editor's text wins.
    if (this.atFolder(folder).has(enginePath) || !this.server.folders.includes(folder)) return;
    // Closed as saved (the usual case): the disk holds exactly the text the engine has, so nothing
    // changes; re-reading it would re-parse a large file and re-validate what depends on it.
    const current = folder.service.heldDocument(enginePath);
    if (
      bytes &&
      current &&
      !folder.isIgnored(enginePath) &&
      folder.diskFiles.has(enginePath) &&
      Buffer.byteLength(current.text, 'utf8') === bytes.byteLength &&
      Buffer.from(current.text, 'utf8').equals(bytes)
    ) {
      folder.service.releaseDocument(enginePath);
      return;
    }
    const affected = this.server.disk.fromDisk(folder, enginePath, read);
    this.server.diagnostics.bump();
    this.server.diagnostics.revalidate(folder, affected);
  }

  /** Moves an open document to where it belongs now (folders or ignore globs changed). */
  rehome(doc: OpenDocument): void {
    const where = this.place(doc.uri);
    if (where.folder === doc.folder && where.path === doc.path && where.ignored === doc.ignored) return;
    this.atFolder(doc.folder).delete(doc.path);
    this.incremental.forget(doc.folder.service, doc.path);
    void this.revertToDisk(doc.folder, doc.path);
    Object.assign(doc, { folder: where.folder, path: where.path, ignored: where.ignored, syncedVersion: undefined });
    this.atFolder(doc.folder).set(doc.path, doc);
    this.server.diagnostics.schedule(doc, 0);
  }

  atFolder(folder: Folder): Map<string, OpenDocument> {
    let map = this.byFolder.get(folder);
    if (!map) this.byFolder.set(folder, (map = new Map()));
    return map;
  }

  /** Hands the editor's current text to the engine if it has not seen this version yet. */
  sync(doc: OpenDocument, td: TextDocument | undefined = this.server.documents.get(doc.uri)): void {
    if (!td || doc.syncedVersion === td.version) return;
    const service = doc.folder.service;
    // Opened: the engine holds its document from now on (a closed file's is let go, see disk.ts).
    service.holdDocument(doc.path);
    this.incremental.update(service, doc.path, td.getText());
    doc.syncedVersion = td.version;
    this.server.diagnostics.bump();
    if (!doc.ignored) this.server.diagnostics.revalidate(doc.folder, service.lastAffected, doc);
  }

  dispose(): void {
    for (const doc of this.byUri.values()) if (doc.timer) clearTimeout(doc.timer);
  }
}
