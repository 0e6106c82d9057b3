// The workspace folders and their configuration: folders added and removed, each folder's
// pactline.yaml (read as the CLI reads it) and the client's settings, merged into each folder's
// language service; a change of either validates the open documents again.
import type { WorkspaceFolder } from 'vscode-languageserver/node';
import type { PactlineSettings } from '../../../protocol/pactline';
import { effectiveConfig, Folder, readFolderConfig } from './folder';
import type { PactlineServer } from './server';
import { normalizeSettings } from './settings';

/** The folders of the workspace and the configuration of each. */
export class WorkspaceFolders {
  constructor(private readonly server: PactlineServer) {}

  addFolder(wf: WorkspaceFolder, startAfter?: Promise<void>): Folder | undefined {
    const folder = Folder.fromUri(wf.uri, wf.name);
    if (!folder) return undefined;
    this.server.folders.push(folder);
    // Deepest first: a file belongs to the innermost folder that holds it.
    this.server.folders.sort((a, b) => b.root!.length - a.root!.length);
    this.server.open.byFolder.set(folder, new Map());
    this.loadConfig(folder);
    if (startAfter) {
      // Validations wait for the first scan, so that cross-file findings are complete when shown.
      folder.scanning = true;
      folder.scans++;
      folder.ready = startAfter.then(() => {
        folder.scans--;
      });
    }
    return folder;
  }

  removeFolder(uri: string): void {
    const index = this.server.folders.findIndex((f) => f.uri === uri);
    if (index < 0) return;
    const [folder] = this.server.folders.splice(index, 1);
    for (const doc of this.server.open.byFolder.get(folder)?.values() ?? []) this.server.open.rehome(doc);
    this.server.open.byFolder.delete(folder);
    this.server.diagnostics.bump();
  }

  private loadConfig(folder: Folder): void {
    folder.setTrust(this.server.trusted);
    folder.config = readFolderConfig(folder.root!, this.server.trusted);
    if (folder.config.error) {
      this.server.connection.console.warn(folder.config.error);
      void this.server.connection.window.showWarningMessage(
        `Pactline: ${folder.config.error.split('\n')[0]} Using the default settings until it is fixed.`,
      );
    }
    folder.service.setConfig(effectiveConfig(folder.config.file, this.server.settings));
  }

  async fetchSettings(): Promise<void> {
    if (!this.server.capabilities.workspace?.configuration) return;
    try {
      const [section] = await this.server.connection.workspace.getConfiguration([{ section: 'pactline' }]);
      if (section !== null && section !== undefined) this.applySettings(normalizeSettings(section));
    } catch (error) {
      this.server.logError('reading the settings', error);
    }
  }

  async configurationChanged(pushed: unknown): Promise<void> {
    if (this.server.capabilities.workspace?.configuration) {
      await this.fetchSettings();
    } else {
      const section = (pushed as { pactline?: unknown } | null)?.pactline;
      if (section !== undefined) this.applySettings(normalizeSettings(section));
    }
  }

  private applySettings(settings: PactlineSettings): void {
    const before = JSON.stringify(this.server.settings);
    this.server.settings = settings;
    if (JSON.stringify(settings) === before) return;
    for (const folder of this.server.allFolders())
      folder.service.setConfig(effectiveConfig(folder.config.file, settings));
    this.server.diagnostics.revalidateAll();
  }

  async reloadConfig(folder: Folder): Promise<void> {
    this.loadConfig(folder);
    for (const doc of this.server.open.byUri.values()) {
      this.server.open.rehome(doc);
      doc.syncedVersion = undefined; // maxFileSize may have changed: parse again
    }
    await this.server.disk.scan([folder]);
    this.server.diagnostics.revalidateAll();
  }
}
