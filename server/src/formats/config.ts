// The configuration file (`pactline.yaml` / `.pactline.yaml`): the source of truth for
// schemas/config.schema.json. The CLI and the language server read the same file.

/** Pactline configuration for a workspace or repository. */
export interface PactlineConfig {
  /** Severity per rule id (`schema/type`) or family (`lineage`): `off`, `info`, `warning` or `error`. */
  rules?: { [ruleId: string]: RuleSetting };
  /** Glob patterns (relative to this file) of files Pactline skips, e.g. `legacy/**`. */
  ignore?: string[];
  /** Largest file, in bytes, that Pactline reads; larger files are skipped with a finding. Default 5 MB. */
  maxFileSize?: number;
  /** Breaking-change settings. */
  breaking?: {
    /** Compatibility enforced when none is given on the command line or in the contract. */
    compatibility?: 'forward' | 'backward' | 'full' | 'none';
    /** The git ref the editor compares against, e.g. `HEAD` or `merge-base:origin/main`. */
    against?: string;
    /** `pactline breaking` checks against every tag matching this glob (e.g. `orders-v*`), reporting the oldest version each change breaks. */
    transitive?: string;
    /** Compatibility per contract id. */
    contracts?: { [contractId: string]: 'forward' | 'backward' | 'full' | 'none' };
  };
}

export type RuleSetting = 'off' | 'info' | 'warning' | 'error';
