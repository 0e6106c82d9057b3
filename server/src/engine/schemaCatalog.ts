// The generated schemas bundled with Pactline: the extension works offline and the CLI needs no
// files beside itself. Each SCHEMA_TARGETS entry must have its file imported here (a test checks).
import { SCHEMA_TARGETS } from '../formats/targets';
import type { PrecompiledChecks, SchemaEntry } from './validation';
import config from '../../../schemas/config.schema.json';
import dcs from '../../../schemas/dcs.schema.json';
import dcs110 from '../../../schemas/dcs-1.1.0.schema.json';
import dcs120 from '../../../schemas/dcs-1.2.0.schema.json';
import odcs300 from '../../../schemas/odcs-v3.0.0.schema.json';
import odcs301 from '../../../schemas/odcs-v3.0.1.schema.json';
import odcs302 from '../../../schemas/odcs-v3.0.2.schema.json';
import odcs31 from '../../../schemas/odcs-v3.1.schema.json';
import odcs32 from '../../../schemas/odcs-v3.2.schema.json';
import odps from '../../../schemas/odps.schema.json';
import pipeline from '../../../schemas/pipeline.schema.json';

const FILES: Record<string, Record<string, unknown>> = {
  'config.schema.json': config,
  'dcs.schema.json': dcs,
  'dcs-1.1.0.schema.json': dcs110,
  'dcs-1.2.0.schema.json': dcs120,
  'odcs-v3.0.0.schema.json': odcs300,
  'odcs-v3.0.1.schema.json': odcs301,
  'odcs-v3.0.2.schema.json': odcs302,
  'odcs-v3.1.schema.json': odcs31,
  'odcs-v3.2.schema.json': odcs32,
  'odps.schema.json': odps,
  'pipeline.schema.json': pipeline,
};

export const BUILTIN_SCHEMAS: readonly SchemaEntry[] = SCHEMA_TARGETS.map((target) => {
  const schema = FILES[target.file];
  if (!schema) throw new Error(`schemas/${target.file} is not bundled: import it in schemaCatalog.ts`);
  return { target, schema };
});

/**
 * The same schemas precompiled into validity checks (scripts/precompile-validators.ts; a test fails
 * when they are stale), each loaded on first use: a run does not compile a schema to learn that a
 * document is valid. Literal requires, so that esbuild bundles them.
 */

const CHECKS: Record<string, () => (data: unknown) => boolean> = {
  'config.schema.json': () => require('./generated/config.check.js'),
  'dcs.schema.json': () => require('./generated/dcs.check.js'),
  'dcs-1.1.0.schema.json': () => require('./generated/dcs-1.1.0.check.js'),
  'dcs-1.2.0.schema.json': () => require('./generated/dcs-1.2.0.check.js'),
  'odcs-v3.0.0.schema.json': () => require('./generated/odcs-v3.0.0.check.js'),
  'odcs-v3.0.1.schema.json': () => require('./generated/odcs-v3.0.1.check.js'),
  'odcs-v3.0.2.schema.json': () => require('./generated/odcs-v3.0.2.check.js'),
  'odcs-v3.1.schema.json': () => require('./generated/odcs-v3.1.check.js'),
  'odcs-v3.2.schema.json': () => require('./generated/odcs-v3.2.check.js'),
  'odps.schema.json': () => require('./generated/odps.check.js'),
  'pipeline.schema.json': () => require('./generated/pipeline.check.js'),
};

export const BUILTIN_CHECKS: PrecompiledChecks = new Map(
  BUILTIN_SCHEMAS.map((entry) => [entry, CHECKS[entry.target.file]]),
);
