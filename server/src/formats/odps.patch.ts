// What the ODPS types in odps.ts cannot say, added to the generated schema (schemas/odps.schema.json).
//
// The official ODPS v1.0.0 schema has no conditional rules (no if/then, no exclusive branches, no
// constrained map keys): every constraint is a plain type, enum, `required` list or format, all of
// which odps.ts states itself. So today this patch only checks that assumption still holds, and
// it is the place for conditional rules should a later ODPS release add them.
import type { SchemaPatch } from './targets';

export const patchOdpsSchema: SchemaPatch = (schema) => {
  // ODPS objects are closed; an index signature in odps.ts would silently open one.
  const defs = schema.definitions as Record<string, Record<string, unknown>>;
  for (const [name, def] of Object.entries({ OpenDataProduct: schema, ...defs })) {
    if (def.type === 'object' && def.additionalProperties !== false) {
      throw new Error(`odps.patch: ${name} must not accept unknown keys (the official ODPS schema is closed)`);
    }
  }
  return schema;
};
