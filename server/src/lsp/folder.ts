// One workspace folder as the CLI sees it when run at the folder's root: the same configuration
// file (pactline.yaml found as `pactline lint` finds it), the same file discovery and ignore globs,
// the same relative paths. Each folder has its own language service, so rule severities and
// cross-file references do not leak from one folder (one repository) into another.
import * as path from 'node:path';
import { DEFAULT_CONFIG, isIgnored, type ResolvedConfig } from '../engine/config';
import { isYamlPath, kindFromName, kindFromText } from '../engine/kinds';
import { LanguageService } from '../engine/service';
import type { ReadRefusal } from '../engine/document';
import { decodeText } from '../engine/text';
import { loadConfig } from '../host/config';
import { CONFIG_FILE_NAMES, findYamlFiles, workspaceOf } from '../host/files';
import { exists, readFileSafe, workspaceAt, type Workspace } from '../host/safeFs';
import { fsPathOf, relativeTo, uriOfFsPath } from './paths';
import type { PactlineSettings } from '../../../protocol/pactline';

export interface ConfigState {
  /** The configuration file's own settings (defaults when there is none or it is invalid). */
  file: ResolvedConfig;
  /** Why the configuration file could not be used, for a message to the user. */
  error?: string;
}

/** Reads a folder's configuration as the CLI does; in an untrusted workspace only a file at its root. */
export function readFolderConfig(root: string, trusted: boolean): ConfigState {
  try {
    // Either way it is read safely (host/safeFs.ts): a symbolic link out of the workspace, a FIFO or
    // a device is refused with a message, never followed or read.
    if (trusted) return { file: loadConfig(root, undefined, root) };
    // Untrusted: no search upwards (a configuration outside the workspace), no link out of the folder.
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(root, name);
      if (exists(candidate)) return { file: loadConfig(root, candidate, root, workspaceAt(root)) };
    }
    return { file: { ...DEFAULT_CONFIG } };
  } catch (error) {
    return { file: { ...DEFAULT_CONFIG }, error: (error as Error).message };
  }
}

/** The configuration file's rules win over the client settings where both set one (package.json says so). */
export function effectiveConfig(file: ResolvedConfig, settings: PactlineSettings): ResolvedConfig {
  const fromSettings = settings.rules && typeof settings.rules === 'object' ? settings.rules : {};
  const rules: Record<string, ResolvedConfig['rules'][string]> = {};
  for (const [id, value] of Object.entries(fromSettings)) {
    if (value === 'off' || value === 'info' || value === 'warning' || value === 'error') rules[id] = value;
  }
  return { ...file, rules: { ...rules, ...file.rules } };
}

/** Whether a path's name or text makes it a document Pactline reads (cheap: no parse). */
export function isPactlineCandidate(relativePath: string, bytes: Uint8Array): boolean {
  if (kindFromName(relativePath)) return true;
  if (!isYamlPath(relativePath)) return false;
  return kindFromText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) !== undefined;
}

export class Folder {
  readonly service: LanguageService;
  config: ConfigState = { file: { ...DEFAULT_CONFIG } };
  /** Resolves when the last scan finished; validations wait for it so cross-file findings are complete. */
  ready: Promise<void> = Promise.resolve();
  scanning = false;
  /** Scans started and not finished (the first one is announced before it starts). */
  scans = 0;
  /** Files read from disk at the last scan, and kept current by the file watcher. */
  readonly diskFiles = new Set<string>();
  /**
   * Where symbolic links may lead: the repository around the folder when trusted (as the CLI run at
   * the folder's root), the folder itself when not.
   */
  workspace: Workspace | undefined;

  /**
   * @param root absolute file system path of the folder, or undefined for the "loose" folder that
   *   holds files outside every workspace folder (and untitled documents), keyed by absolute path.
   */
  constructor(
    readonly uri: string | undefined,
    readonly root: string | undefined,
    readonly name: string,
  ) {
    // A file nobody edits is kept as its facts only; its text is read again when a position in it is needed.
    this.service = new LanguageService({ reread: root === undefined ? undefined : (p) => this.reread(p) });
    this.workspace = root === undefined ? undefined : workspaceAt(root);
  }

  /** A file's text as on disk now, read the safe way; undefined when it cannot be read as text. */
  private reread(enginePath: string): string | undefined {
    const fsPath = this.fsPathOf(enginePath);
    if (fsPath === undefined) return undefined;
    const read = readFileSafe(fsPath, this.workspace, this.service.config.maxFileSize);
    if (read.status !== 'ok') return undefined;
    const decoded = decodeText(read.bytes);
    return decoded.ok ? decoded.text : undefined;
  }

  /** Sets where links may lead (see `workspace`). */
  setTrust(trusted: boolean): void {
    if (this.root !== undefined) this.workspace = trusted ? workspaceOf(this.root) : workspaceAt(this.root);
  }

  static fromUri(uri: string, name?: string): Folder | undefined {
    const root = fsPathOf(uri);
    if (root === undefined) return undefined;
    return new Folder(uri, root, name ?? path.basename(root));
  }

  /** The engine path of a file system path: relative to the root (the CLI's name for it). */
  pathOf(fsPath: string): string | undefined {
    if (this.root === undefined) return fsPath.split(path.sep).join('/');
    return relativeTo(this.root, fsPath);
  }

  fsPathOf(enginePath: string): string | undefined {
    if (this.root === undefined) return path.isAbsolute(enginePath) ? enginePath : undefined;
    return path.join(this.root, ...enginePath.split('/'));
  }

  /** The `file:` URI of an engine path (for paths of documents read from disk). */
  uriOf(enginePath: string): string | undefined {
    const fsPath = this.fsPathOf(enginePath);
    return fsPath === undefined ? undefined : uriOfFsPath(fsPath);
  }

  isIgnored(enginePath: string): boolean {
    if (this.root === undefined) return false;
    const config = this.config.file;
    const configRoot = config.root ? path.resolve(this.root, config.root) : this.root;
    const abs = this.fsPathOf(enginePath)!;
    const rel = path.relative(configRoot, abs).split(path.sep).join('/');
    return isIgnored(config, rel);
  }

  /** Whether a file system path is one of this folder's configuration files (at the root, or the one in use). */
  isConfigFile(fsPath: string): boolean {
    if (this.root === undefined) return false;
    if (this.config.file.file && path.resolve(this.config.file.file) === path.resolve(fsPath)) return true;
    return path.dirname(fsPath) === this.root && CONFIG_FILE_NAMES.includes(path.basename(fsPath));
  }

  /** Every YAML file the CLI would read here (ignored ones left out), as engine paths; links out and special files with their refusal. */
  discover(): { path: string; fsPath: string; refusal?: ReadRefusal }[] {
    if (this.root === undefined) return [];
    const { files } = findYamlFiles(['.'], this.root, this.config.file, this.workspace);
    return files.map((f) => ({ path: f.relative, fsPath: f.absolute, refusal: f.refusal }));
  }
}
