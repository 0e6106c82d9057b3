// Reading `pactline.yaml` for the CLI and the language server: found as `pactline lint` finds it,
// read through safeFs.ts (a link out of the workspace, a FIFO or a device is refused: exit 2, never a
// word of the target), validated by the engine like any document.
import * as path from 'node:path';
import { resolveConfig, DEFAULT_CONFIG, type ResolvedConfig } from '../engine/config';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/document';
import { LanguageService, severityFromLsp } from '../engine/service';
import type { PactlineConfig } from '../formats/config';
import { RunError } from './errors';
import { findConfigFile, relativePath, workspaceOf } from './files';
import { describeRefusal, readFileSafe, repositoryRoot, workspaceAt, type Workspace } from './safeFs';

/**
 * The configuration for a run in `cwd`: `explicit` (--config), else the nearest one from `start`
 * upwards. `workspace`: the folder links may not leave (default: the repository around the file).
 */
export function loadConfig(
  cwd: string,
  explicit: string | undefined,
  start: string,
  workspace?: Workspace,
): ResolvedConfig {
  const file = explicit ? path.resolve(cwd, explicit) : findConfigFile(start);
  if (!file) return { ...DEFAULT_CONFIG };
  const rel = relativePath(cwd, file);
  const ws =
    workspace ?? (explicit ? workspaceOf(cwd) : workspaceAt(repositoryRoot(path.dirname(file)) ?? path.dirname(file)));
  // A configuration is a few hundred bytes: the default file size limit is plenty.
  const read = readFileSafe(file, ws, DEFAULT_MAX_FILE_SIZE);
  if (read.status === 'missing')
    throw new RunError(`Cannot read the configuration ${rel}: no such file (or a broken symbolic link).`);
  if (read.status === 'unreadable') throw new RunError(`Cannot read the configuration ${rel}: ${read.message}.`);
  if (read.status === 'refused')
    throw new RunError(`Cannot read the configuration ${rel}: it ${describeRefusal(read.refusal)}.`);
  // Validated by the engine like any document; a file given with --config under another name
  // is still read as a configuration.
  const probe = new LanguageService();
  const doc = probe.setDocumentBytes(rel, read.bytes, 'config');
  if (doc.multiDocument) {
    throw new RunError(
      `The configuration ${rel} holds several YAML documents (\`---\`); Pactline reads one mapping: keep one document.`,
    );
  }
  const findings = probe.diagnose(rel);
  // A file-level problem (binary, not UTF-8, too large) leaves nothing to read: an error here too.
  const errors = findings.filter((f) => severityFromLsp(f.severity) === 'error' || f.code.startsWith('yaml/'));
  if (errors.length) {
    const lines = errors.map(
      (f) => `  ${rel}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.message}  ${f.code}`,
    );
    throw new RunError(`The configuration ${rel} is invalid:\n${lines.join('\n')}`);
  }
  const root = path.relative(cwd, path.dirname(file)).split(path.sep).join('/');
  return resolveConfig(doc.value as PactlineConfig | null, file, root);
}
