// Watched files (workspace/didChangeWatchedFiles): events gathered for WATCHER_DEBOUNCE_MS and
// handled in one batch (a `git checkout` sends thousands), files read again, configuration files
// reloaded, and each affected open document validated once.
import * as path from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { isYamlPath, kindFromName } from '../engine/kinds';
import { CONFIG_FILE_NAMES } from '../host/files';
import { READ_BATCH, tick } from './disk';
import type { Folder } from './folder';
import { fsPathOf } from './paths';
import type { PactlineServer } from './server';
import { WATCHER_DEBOUNCE_MS } from './settings';

/** The file watcher's events, in batches. */
export class WatchedFiles {
  private pendingEvents = new Map<string, FileChangeType>();
  private eventTimer: NodeJS.Timeout | undefined;
  private eventChain: Promise<void> = Promise.resolve();

  constructor(private readonly server: PactlineServer) {}

  watchedFilesChanged(changes: FileEvent[]): void {
    for (const change of changes) {
      const fsPath = fsPathOf(change.uri);
      if (fsPath !== undefined) this.pendingEvents.set(fsPath, change.type);
    }
    // A `git checkout` sends thousands of events: gather them, then handle them in one batch.
    if (this.eventTimer) clearTimeout(this.eventTimer);
    this.eventTimer = setTimeout(() => {
      this.eventTimer = undefined;
      const events = this.pendingEvents;
      this.pendingEvents = new Map();
      this.eventChain = this.eventChain
        .then(() => this.handleFileEvents(events))
        .catch((e) => this.server.logError('file events', e));
    }, WATCHER_DEBOUNCE_MS);
  }

  private async handleFileEvents(events: Map<string, FileChangeType>): Promise<void> {
    const started = Date.now();
    const configFolders = new Set<Folder>();
    const affected = new Map<Folder, Set<string>>();
    const note = (folder: Folder, paths: readonly string[]) => {
      let set = affected.get(folder);
      if (!set) affected.set(folder, (set = new Set()));
      for (const p of paths) set.add(p);
    };
    const reads: { folder: Folder; path: string; fsPath: string }[] = [];
    for (const [fsPath, type] of events) {
      const folder = this.server.folderOf(fsPath);
      if (!folder) continue;
      if (
        folder.isConfigFile(fsPath) ||
        (path.dirname(fsPath) === folder.root && CONFIG_FILE_NAMES.includes(path.basename(fsPath)))
      ) {
        configFolders.add(folder);
        continue;
      }
      const enginePath = folder.pathOf(fsPath);
      if (enginePath === undefined) continue;
      const yaml = isYamlPath(enginePath) || kindFromName(enginePath) !== undefined;
      if (type === FileChangeType.Deleted) {
        // A deleted folder comes as one event: forget every file under it.
        const under = yaml ? [enginePath] : [...folder.service.paths()].filter((p) => p.startsWith(enginePath + '/'));
        for (const p of under) note(folder, this.server.disk.fromDisk(folder, p, undefined));
      } else if (yaml) {
        reads.push({ folder, path: enginePath, fsPath });
      }
    }
    for (let i = 0; i < reads.length; i += READ_BATCH) {
      const batch = reads.slice(i, i + READ_BATCH).filter((r) => !configFolders.has(r.folder));
      const contents = await Promise.all(batch.map((r) => this.server.disk.readDisk(r.folder, r.fsPath)));
      batch.forEach((r, k) => note(r.folder, this.server.disk.fromDisk(r.folder, r.path, contents[k])));
      if (i + READ_BATCH < reads.length) await tick();
    }
    if (events.size) this.server.diagnostics.bump();
    for (const folder of configFolders) await this.server.workspace.reloadConfig(folder);
    // Each open document is validated once for the whole batch.
    let revalidated = 0;
    for (const [folder, paths] of affected) {
      if (configFolders.has(folder)) continue;
      for (const p of paths) {
        const doc = this.server.open.byFolder.get(folder)?.get(p);
        if (doc) {
          this.server.diagnostics.schedule(doc, 0);
          revalidated++;
        }
      }
    }
    this.server.connection.console.log(
      `File changes: ${events.size} event${events.size === 1 ? '' : 's'} handled in one batch ` +
        `(${Date.now() - started} ms, ${reads.length} read, ${configFolders.size ? 'configuration reloaded, ' : ''}${revalidated} open document${revalidated === 1 ? '' : 's'} to validate again).`,
    );
  }

  dispose(): void {
    if (this.eventTimer) clearTimeout(this.eventTimer);
  }
}
