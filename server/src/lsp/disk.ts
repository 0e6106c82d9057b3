// The workspace index from the disk: every file of a folder read (as `pactline lint` finds them,
// through host/safeFs.ts) into its language service, in batches that let the event loop go, with
// progress; a file's disk contents installed unless the editor has it open.
import { refusedDocument } from '../engine/document';
import { readFileSafeAsync, type ReadResult } from '../host/safeFs';
import { isPactlineCandidate, type Folder } from './folder';
import type { PactlineServer } from './server';

/** Files read from disk at once while indexing; the event loop is let go between batches. */
export const READ_BATCH = 64;

export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads folders and files from disk into the engine. */
export class DiskIndex {
  private scanChain: Promise<void> = Promise.resolve();

  constructor(private readonly server: PactlineServer) {}

  /** Reads every file of the folders (as `pactline lint` finds them) into their services, with progress. */
  async scan(folders: Folder[]): Promise<void> {
    if (!folders.length) return;
    const done = deferred();
    for (const folder of folders) {
      folder.scans++;
      folder.scanning = true;
      folder.ready = done.promise;
    }
    // One scan at a time (a configuration change during the first scan queues a second one).
    const previous = this.scanChain;
    this.scanChain = done.promise;
    await previous;
    const started = Date.now();
    const progress = await this.server.connection.window.createWorkDoneProgress().catch(() => undefined);
    let total = 0;
    try {
      const found = folders.map((folder) => ({ folder, files: folder.discover() }));
      total = found.reduce((n, f) => n + f.files.length, 0);
      progress?.begin('Pactline', 0, `Indexing ${total} YAML file${total === 1 ? '' : 's'}`, false);
      let read = 0;
      for (const { folder, files } of found) {
        const seen = new Set(files.map((f) => f.path));
        // Files that are gone or now ignored leave the index (unless open in the editor).
        for (const known of [...folder.service.paths()]) {
          if (!seen.has(known) && !this.server.open.byFolder.get(folder)?.has(known))
            folder.service.removeDocument(known);
        }
        folder.diskFiles.clear();
        for (let i = 0; i < files.length; i += READ_BATCH) {
          const batch = files.slice(i, i + READ_BATCH);
          const contents = await Promise.all(
            batch.map((f) =>
              f.refusal ? { status: 'refused' as const, refusal: f.refusal } : this.readDisk(folder, f.fsPath),
            ),
          );
          batch.forEach((file, k) => this.fromDisk(folder, file.path, contents[k]));
          read += batch.length;
          progress?.report(Math.round((read / Math.max(total, 1)) * 100), `${read}/${total} files`);
          await tick();
        }
      }
    } catch (error) {
      this.server.logError('indexing the workspace', error);
    } finally {
      for (const folder of folders) folder.scanning = --folder.scans > 0;
      done.resolve();
      progress?.done();
      this.server.diagnostics.bump();
    }
    this.server.connection.console.info(
      `Indexed ${total} file${total === 1 ? '' : 's'} in ${folders.map((f) => f.name).join(', ')} (${Date.now() - started} ms).`,
    );
    for (const folder of folders)
      for (const doc of this.server.open.byFolder.get(folder)?.values() ?? []) this.server.diagnostics.schedule(doc, 0);
  }

  /** A file of a folder, read the safe way (host/safeFs.ts): no link out of the workspace, no FIFO or device, bounded. */
  readDisk(folder: Folder, fsPath: string): Promise<ReadResult> {
    return readFileSafeAsync(fsPath, folder.workspace, folder.service.config.maxFileSize).catch((error) => ({
      status: 'unreadable' as const,
      message: (error as Error).message,
    }));
  }

  /** Puts a file's disk contents into its folder's service (the editor's version wins while it is open). */
  fromDisk(folder: Folder, enginePath: string, read: ReadResult | undefined): readonly string[] {
    if (this.server.open.byFolder.get(folder)?.has(enginePath)) return [];
    // Not read (a link out of the workspace, a FIFO, a device, over the size limit): its finding, when
    // the file is one of ours by name or (too large) by its first bytes, or a link we refused.
    if (read?.status === 'refused' && !folder.isIgnored(enginePath)) {
      const doc = refusedDocument(enginePath, read.refusal);
      if (doc.kind || doc.refused) {
        folder.diskFiles.add(enginePath);
        folder.service.setRefusedDocument(enginePath, read.refusal);
        return folder.service.lastAffected;
      }
    }
    const bytes = read?.status === 'ok' ? read.bytes : undefined;
    if (bytes === undefined || folder.isIgnored(enginePath) || !isPactlineCandidate(enginePath, bytes)) {
      folder.diskFiles.delete(enginePath);
      if (!folder.service.hasDocument(enginePath)) return [];
      folder.service.removeDocument(enginePath);
      return folder.service.lastAffected;
    }
    folder.diskFiles.add(enginePath);
    folder.service.setDocumentBytes(enginePath, bytes);
    const affected = folder.service.lastAffected;
    // Nobody edits it: its facts are all the cross-file rules read (the text is read again when needed).
    folder.service.releaseDocument(enginePath);
    return affected;
  }
}
