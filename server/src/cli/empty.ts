// "Nothing to check" is a failed run (exit 2), not a clean one: a CI job pointed at the wrong folder
// must not pass. The message says why for each PATH; `--allow-empty` makes it exit 0 (as ESLint's
// `--no-error-on-unmatched-pattern`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isIgnored, type ResolvedConfig } from '../engine/config';
import type { ParsedDocument } from '../engine/document';
import { isYamlPath, kindFromName } from '../engine/kinds';
import { relativePath } from './files';

/**
 * Whether the checked files hold something of ours: a contract, product or pipeline, or a
 * configuration named on the command line. Documents are looked up one by one, until one is.
 */
export function somethingChecked(
  files: readonly string[],
  documentOf: (relative: string) => ParsedDocument | undefined,
  named: ReadonlySet<string>,
): boolean {
  return files.some((file) => {
    const doc = documentOf(file);
    // A file refused before parsing (binary, too large, invalid UTF-8) is reported: it counts.
    if (doc?.refused) return true;
    return !!doc?.kind && !doc.multiDocument && (doc.kind !== 'config' || named.has(file));
  });
}

/**
 * The exit-2 message for a run that found nothing: for a folder, that nothing under it is ours; for a
 * named file, why it was not recognised.
 */
export function nothingToCheck(
  paths: readonly string[],
  cwd: string,
  config: ResolvedConfig,
  documentOf: (relative: string) => ParsedDocument | undefined,
  what = 'check',
  stdinPath?: string,
): string {
  const configRoot = config.root ? path.resolve(cwd, config.root) : cwd;
  const reasons = (paths.length ? paths : ['.']).map((given) => {
    const absolute = path.resolve(cwd, given);
    let directory = false;
    // The --stdin-filepath document need not exist on disk.
    if (given !== stdinPath) {
      try {
        directory = fs.statSync(absolute).isDirectory();
      } catch {
        return `${given}: no such file or directory`;
      }
    }
    if (directory) return `no contract, product or pipeline file under ${given}`;
    const name = path.basename(absolute);
    if (!isYamlPath(name) && !kindFromName(name))
      return `${given} is not a YAML file (Pactline reads .yaml and .yml files)`;
    if (isIgnored(config, relativePath(configRoot, absolute)))
      return `${given} is ignored by the \`ignore\` list of ${config.file ? relativePath(cwd, config.file) : 'the configuration'}`;
    const doc = documentOf(relativePath(cwd, absolute));
    if (doc?.multiDocument) return `${given} holds several YAML documents; Pactline reads one document per file`;
    return (
      `${given} is not a contract, product or pipeline: its top level has none of \`kind: DataContract\` with ` +
      '`apiVersion: v3.x.y` (ODCS), `dataContractSpecification:` (DCS), `kind: DataProduct` (ODPS), `kind: Pipeline` with `apiVersion: pactline/v1`'
    );
  });
  return (
    `nothing to ${what}: ${reasons.join('; ')}.\n` +
    `Give --allow-empty to exit 0 when there is nothing to ${what} (for a job that runs on every change).`
  );
}
