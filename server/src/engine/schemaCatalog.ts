// The generated schemas bundled with Pactline: the extension works offline and the CLI needs no
// files beside itself. Each SCHEMA_TARGETS entry must have its file imported here (a test checks).
import { SCHEMA_TARGETS } from '../formats/targets';
import type { SchemaEntry } from './validation';
import config from '../../../schemas/config.schema.json';
import dcs from '../../../schemas/dcs.schema.json';
import odcs31 from '../../../schemas/odcs-v3.1.schema.json';
import odcs32 from '../../../schemas/odcs-v3.2.schema.json';
import odps from '../../../schemas/odps.schema.json';
import pipeline from '../../../schemas/pipeline.schema.json';

const FILES: Record<string, Record<string, unknown>> = {
  'config.schema.json': config,
  'dcs.schema.json': dcs,
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
