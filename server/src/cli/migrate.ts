// `pactline migrate`: the one command that writes files. ODCS files older than the target are
// carried to it by the engine (engine/migrate/odcs.ts); a dry run (the default) prints the unified
// diff, `--write` writes. A file the target would still reject is never written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectKind } from '../engine/kinds';
import { unifiedDiff } from '../engine/migrate/diff';
import { canMigrate, type MigrationTarget } from '../engine/migrate/odcs';
import { LanguageService } from '../engine/service';
import { decodeText } from '../engine/text';
import { UsageError } from './args';
import { findYamlFiles } from './files';
import { describeRefusal, readFileSafe } from '../host/safeFs';
import { loadConfig, RunError } from './lint';

export interface MigrateOptions {
  paths: string[];
  cwd: string;
  to: MigrationTarget;
  write: boolean;
  configFile?: string;
}

export interface MigrateResult {
  /** The diffs (dry run) or nothing (`--write`). */
  output: string;
  /** For stderr: what was assumed, what could not be done, the summary. */
  notes: string[];
  /** 0 done (or nothing to do); 1 a file would still be invalid under the target, or could not be written. */
  exitCode: 0 | 1;
}

export function migrate(options: MigrateOptions): MigrateResult {
  const paths = options.paths.length ? options.paths : ['.'];
  const config = loadConfig(options.cwd, options.configFile, path.resolve(options.cwd, paths[0]));
  const { files, missing } = findYamlFiles(paths, options.cwd, config);
  if (missing.length) throw new UsageError(`No such file or directory: ${missing.join(', ')}`);
  const named = new Set(paths.map((p) => path.resolve(options.cwd, p)));
  const service = new LanguageService({ config });
  const notes: string[] = [];
  const diffs: string[] = [];
  let migrated = 0;
  let failed = 0;
  for (const file of files) {
    // Read (and so written) only when safe: never through a link out of the workspace, never a FIFO.
    const read = file.refusal
      ? { status: 'refused' as const, refusal: file.refusal }
      : readFileSafe(file.absolute, file.workspace, config.maxFileSize);
    if (read.status === 'refused') {
      notes.push(`${file.relative}: skipped, it ${describeRefusal(read.refusal)}.`);
      failed++;
      continue;
    }
    if (read.status !== 'ok')
      throw new RunError(
        `Cannot read ${file.relative}: ${read.status === 'missing' ? 'no such file (or a broken symbolic link)' : read.message}`,
      );
    const bytes = read.bytes;
    const decoded = decodeText(bytes);
    const explicit = named.has(file.absolute);
    if (!decoded.ok || detectKind(file.relative, decoded.text) !== 'odcs') {
      if (explicit) notes.push(`${file.relative}: skipped, not an ODCS data contract.`);
      continue;
    }
    const version = /^apiVersion:[ \t]*["']?([^"'\s#]+)/m.exec(decoded.text)?.[1];
    if (!canMigrate(version, options.to)) {
      if (explicit)
        notes.push(
          `${file.relative}: skipped, it declares ${version ?? 'no apiVersion'} (migrate carries v3.0.x and v3.1.0 files to a newer version).`,
        );
      continue;
    }
    const outcome = service.migrate(decoded.text, options.to);
    if (!outcome.ok) {
      notes.push(`${file.relative}: not migrated: ${outcome.reason}.`);
      failed++;
      continue;
    }
    const { result } = outcome;
    for (const note of result.notes) notes.push(`${file.relative}: ${note}`);
    if (result.remaining.length) {
      failed++;
      notes.push(
        `${file.relative}: not ${options.write ? 'written' : 'writable'}: ${options.to} would still reject it; fix these by hand first:`,
        ...result.remaining.map((r) => `  ${r}`),
      );
      continue;
    }
    migrated++;
    if (options.write) {
      try {
        fs.writeFileSync(file.absolute, result.text);
      } catch (error) {
        notes.push(`${file.relative}: cannot write: ${(error as Error).message}`);
        failed++;
      }
    } else {
      diffs.push(unifiedDiff(file.relative, decoded.text, result.text));
    }
  }
  const files_ = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  if (!migrated && !failed)
    notes.push(`Nothing to migrate: no ODCS file older than ${options.to} under ${paths.join(', ')}.`);
  else if (options.write)
    notes.push(`Migrated ${files_(migrated)} to ${options.to}${failed ? `; ${files_(failed)} not` : ''}.`);
  else
    notes.push(
      `${files_(migrated)} would be migrated to ${options.to}${failed ? `, ${files_(failed)} not` : ''}. Dry run: nothing was written; run again with --write to write.`,
    );
  return { output: diffs.join(''), notes, exitCode: failed ? 1 : 0 };
}
