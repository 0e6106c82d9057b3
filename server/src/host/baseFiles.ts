// Which files of a base revision matter, for `pactline breaking` and the editor's base alike: the
// same files lint would find in the working tree, so CI and the editor compare the same set.
import * as path from 'node:path';
import { isIgnored, type ResolvedConfig } from '../engine/config';
import { isYamlPath, kindFromName } from '../engine/kinds';
import { SKIPPED_DIRECTORIES } from './files';

/**
 * Which files of the base tree (paths relative to `cwd`) are read: YAML files and files named like
 * ours, outside skipped folders, not ignored by the configuration (as lint finds files today).
 */
export function baseFileFilter(cwd: string, config: ResolvedConfig): (file: string) => boolean {
  const configRoot = config.root ? path.resolve(cwd, config.root) : cwd;
  return (file: string) => {
    const segments = file.split('/');
    const name = segments[segments.length - 1];
    if (!isYamlPath(name) && !kindFromName(name)) return false;
    for (const dir of segments.slice(0, -1)) {
      if (dir === '..' || dir === '.') continue;
      if (SKIPPED_DIRECTORIES.has(dir) || (dir.startsWith('.') && dir !== '.pactline')) return false;
    }
    const rel = path.relative(configRoot, path.resolve(cwd, file)).split(path.sep).join('/');
    return !isIgnored(config, rel);
  };
}
