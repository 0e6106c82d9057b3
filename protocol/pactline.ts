// Pactline's own LSP messages, shared by the language server and the VS Code extension (and any
// other client). Only types and message signatures: importing this pulls in no server code.
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface FindingCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** What the server knows about one document (`pactline/status`). */
export interface PactlineStatus {
  /** odcs | dcs | odps | pipeline | config, or null for a document Pactline does not recognise. */
  kind: string | null;
  /** The version of its standard the document declares (`v3.1.0`, `1.1.0`, `pactline/v1`); null when it declares none. */
  version: string | null;
  /** The findings of the last validation, by severity (after configuration and suppressions). */
  findings: FindingCounts;
  /** When the document was last validated, as an ISO 8601 time; null before the first validation. */
  lastValidation: string | null;
  /** The same moment in milliseconds since the epoch; null before the first validation. */
  lastValidationEpochMs: number | null;
  /** How long the last validation took (parse, validation, cross-file rules, positions), in ms. */
  validationMs: number | null;
  /** The document version the figures describe (null for a file read from disk). */
  documentVersion: number | null;
  /** The file as the engine and the CLI name it (relative to its workspace folder). */
  path: string | null;
  /** Whether a configuration file (pactline.yaml) applies, and which (absolute path). */
  configFile: string | null;
  /** False when the workspace is not trusted (no configuration from outside it, no git). */
  trusted: boolean;
}

export interface StatusParams {
  textDocument: { uri: string };
}

export interface StatusChangedParams {
  uri: string;
  status?: PactlineStatus;
}

/** Options a client may pass in `initialize`'s `initializationOptions`. */
export interface PactlineInitializationOptions {
  /** False in an untrusted workspace: validate, but read no configuration from outside it and run no git. */
  trusted?: boolean;
  /** Client settings, the same shape as the `pactline` section of workspace/configuration. */
  settings?: PactlineSettings;
  /** Opt in to `workspace/diagnostic` (findings of every file of the workspace, not only the open ones). */
  workspaceDiagnostics?: boolean;
}

/** The `pactline` settings section (`pactline.rules`, `pactline.diagnostics.debounceMs`, ...). */
export interface PactlineSettings {
  /** Severity by rule id or family; the workspace's pactline.yaml wins where both set a rule. */
  rules?: Record<string, 'off' | 'info' | 'warning' | 'error'>;
  diagnostics?: { debounceMs?: number };
  breaking?: { against?: string };
}

export const StatusRequest = new RequestType<StatusParams, PactlineStatus | null, void>('pactline/status');
export const StatusNotification = new NotificationType<StatusChangedParams>('pactline/statusChanged');

/** The findings of one file, for `pactline/lintWorkspace`. */
export interface FileDiagnostics {
  uri: string;
  diagnostics: Diagnostic[];
}

/** Every recognised file of every workspace folder, checked by the server's own index. */
export interface LintWorkspaceResult {
  /** How many recognised files were checked. */
  files: number;
  /** Only the files with findings. */
  items: FileDiagnostics[];
}

/**
 * `pactline/lintWorkspace`: the findings of every recognised file of the workspace, as the server's
 * index has them (the same engine, configuration and trust as the open documents). The client's
 * "Lint Workspace" command asks this instead of running a second engine.
 */
export const LintWorkspaceRequest = new RequestType<Record<string, never>, LintWorkspaceResult, void>(
  'pactline/lintWorkspace',
);

/** The skeleton of a new file (`pactline/skeleton`): what the editor's "New Contract / Data Product / Pipeline" commands insert. */
export interface SkeletonParams {
  /** The new file (its name suggests the id; its workspace folder, the contracts a pipeline reads). */
  uri: string;
  kind: 'odcs' | 'dcs' | 'odps' | 'pipeline';
  /** A standard version (`v3.1.0`, `1.2.1`); the newest stable one when absent. */
  version?: string;
  /** Contracts: the type of the first server (`postgres`, `snowflake`, ...); none when absent. */
  serverType?: string;
}

/** A snippet (`${1:default}` placeholders, `$0` the end), or why there is none. */
export type SkeletonResult = { snippet: string; label: string } | { error: string };

export const SkeletonRequest = new RequestType<SkeletonParams, SkeletonResult, void>('pactline/skeleton');

/** What the skeleton request accepts, for the client's pickers (the newest stable version first). */
export const SKELETON_CHOICES = {
  odcs: ['v3.1.0', 'v3.2.0', 'v3.0.2', 'v3.0.1', 'v3.0.0'],
  dcs: ['1.2.1', '1.2.0', '1.1.0'],
  serverTypes: ['postgres', 'snowflake', 'bigquery', 'databricks', 's3', 'kafka', 'local'],
} as const;
