// The generated schemas bundled with Pactline: the extension works offline and the CLI needs no
// files beside itself. Each SCHEMA_TARGETS entry must have its file imported here (a test checks).
import { SCHEMA_TARGETS } from '../formats/targets';
import type { SchemaEntry } from './validation';
import pipeline from '../../../schemas/pipeline.schema.json';
import config from '../../../schemas/config.schema.json';

const FILES: Record<string, Record<string, unknown>> = {
  'pipeline.schema.json': pipeline,
  'config.schema.json': config,
};

export const BUILTIN_SCHEMAS: readonly SchemaEntry[] = SCHEMA_TARGETS.map((target) => {
  const schema = FILES[target.file];
  if (!schema) throw new Error(`schemas/${target.file} is not bundled: import it in schemaCatalog.ts`);
  return { target, schema };
});
