// URIs ↔ file system paths ↔ engine paths. The engine knows a file by the path the CLI would print
// when run at the workspace folder's root (relative, forward slashes), so that messages that name
// other files ("also declared in `contracts/x.odcs.yaml`") read the same in the editor and in CI.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file system path of a `file:` URI; undefined for other schemes (untitled:, vscode-notebook:, ...). */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function uriOfFsPath(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

/** Forward-slash path of `file` relative to `root`, or undefined when `file` is not under `root`. */
export function relativeTo(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** The same comparison key for two spellings of one URI (`file:///c%3A/x` and `file:///C:/x`). */
export function uriKey(uri: string): string {
  const fsPath = fsPathOf(uri);
  return fsPath !== undefined ? uriOfFsPath(fsPath) : uri;
}
