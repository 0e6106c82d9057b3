// Generates the JSON Schemas in schemas/ from the TypeScript types in server/src/formats/.
// The types are the source of truth; what a type cannot say (if/then, exclusive branches) is
// added by the format's small patch function. Used by `npm run schemas` and by the test that
// fails when the committed schemas are stale.
import * as path from 'node:path';
import * as TJS from 'typescript-json-schema';
import { SCHEMA_TARGETS, type SchemaTarget } from '../server/src/formats/targets';

const ROOT = path.resolve(__dirname, '..');

const SETTINGS: TJS.PartialArgs = {
  required: true,
  noExtraProps: true,
  strictNullChecks: true,
  ref: true,
  topRef: false,
  titles: false,
  uniqueNames: false,
  constAsEnum: false,
  ignoreErrors: false,
};

const DRAFT_URI: Record<SchemaTarget['draft'], string> = {
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
};

/** Returns file name → schema text for every target, exactly as it belongs in schemas/. */
export function generateSchemas(): Map<string, string> {
  const files = [...new Set(SCHEMA_TARGETS.map((t) => path.join(ROOT, t.source)))];
  const program = TJS.getProgramFromFiles(files, { strictNullChecks: true, skipLibCheck: true }, ROOT);
  const out = new Map<string, string>();
  for (const target of SCHEMA_TARGETS) {
    const generated = TJS.generateSchema(program, target.type, SETTINGS) as Record<string, unknown> | null;
    if (!generated) throw new Error(`typescript-json-schema produced nothing for ${target.type}`);
    const { $schema: _ignored, ...body } = generated;
    let schema: Record<string, unknown> = {
      $schema: DRAFT_URI[target.draft],
      $id: target.id,
      title: target.title,
      ...body,
    };
    if (target.patch) schema = target.patch(schema) ?? schema;
    out.set(target.file, JSON.stringify(schema, null, 2) + '\n');
  }
  return out;
}
