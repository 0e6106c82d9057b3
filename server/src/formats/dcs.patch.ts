// What the DCS types in dcs.ts cannot say, added to the generated schema (schemas/dcs.schema.json).
import type { SchemaPatch } from './targets';

type Schema = Record<string, any>;

/** Key pattern of `models` and `links` maps in the official schema. */
const NAME_PATTERN = '^[a-zA-Z0-9_-]+$';
/** Key pattern of `definitions`: also allows `/`, used to encode a domain (`checkout/order_id`). */
const DEFINITION_NAME_PATTERN = '^[a-zA-Z0-9/_-]+$';

/**
 * Keys the official schema marks as deprecated. TS `@deprecated` tags do not reach the schema, so they
 * are repeated here as `deprecationMessage`, which editors show as a strike-through with the hint.
 */
const DEPRECATED: [definition: string, property: string, message: string][] = [
  ['DcsField', 'primary', 'Deprecated: use `primaryKey`.'],
  ['DcsField', 'example', 'Deprecated: use `examples`.'],
  ['DcsDefinition', 'example', 'Deprecated: use `examples`.'],
  ['DcsDefinition', 'domain', 'Deprecated: put the domain into the definition key, e.g. `checkout/order_id`.'],
  ['DcsDefinition', 'name', 'Deprecated: put the name into the definition key.'],
  ['DcsSqlQuality', 'mustBeGreaterThanOrEqualTo', 'Deprecated: use `mustBeGreaterOrEqualTo`.'],
  ['DcsSqlQuality', 'mustBeLessThanOrEqualTo', 'Deprecated: use `mustBeLessOrEqualTo`.'],
  ['DcsLibraryQuality', 'rule', 'Deprecated: use `metric`.'],
  ['DcsLineage', 'transformationDescription', 'Deprecated: describe each input field\'s `transformations`.'],
  ['DcsLineage', 'transformationType', 'Deprecated: describe each input field\'s `transformations`.'],
];

export const patchDcsSchema: SchemaPatch = (schema) => {
  const defs = schema.definitions as Record<string, Schema>;

  // Servers and quality checks are TS unions keyed on `type`; typescript-json-schema emits an anyOf,
  // which (a) cannot express "any other server type only needs the common keys" and (b) reports the
  // errors of every branch. As in the official schema, each known `type` gets an if/then instead.
  discriminate(defs, 'DcsServer', 'type');
  discriminate(defs, 'DcsQuality', 'type');

  // Map keys: TS index signatures cannot constrain the key, nor carry a format for the value.
  defs.DcsModels.propertyNames = { pattern: NAME_PATTERN };
  defs.DcsDefinitions.propertyNames = { pattern: DEFINITION_NAME_PATTERN };
  defs.DcsLinks.propertyNames = { pattern: NAME_PATTERN };
  defs.DcsLinks.additionalProperties = { type: 'string', format: 'uri', description: 'A URL, e.g. `https://wiki.example.com/orders`.' };

  for (const [definition, property, message] of DEPRECATED) {
    const target = defs[definition]?.properties?.[property];
    if (!target) throw new Error(`dcs.patch: ${definition}.${property} not found in the generated schema`);
    target.deprecationMessage = message;
  }
  return schema;
};

/**
 * Rewrites the union definition `name` (an anyOf of $refs to interfaces, each fixing `key` to a
 * constant, plus at most one member where `key` is free) into: the free member (or, when there is
 * none, "`key` is required and one of the constants"), then one `if key = c then $ref member` per
 * constant. Validators then check exactly one variant and report only its errors.
 */
function discriminate(defs: Record<string, Schema>, name: string, key: string): void {
  const union = defs[name];
  if (!Array.isArray(union?.anyOf)) throw new Error(`dcs.patch: ${name} is not a union`);
  const branches: Schema[] = [];
  const constants: string[] = [];
  let fallback: Schema | undefined;
  for (const member of union.anyOf as Schema[]) {
    const ref = member.$ref as string;
    const value = defs[ref.replace('#/definitions/', '')]?.properties?.[key]?.const;
    if (typeof value === 'string') {
      constants.push(value);
      branches.push({ if: { properties: { [key]: { const: value } }, required: [key] }, then: { $ref: ref } });
    } else if (!fallback) {
      fallback = { $ref: ref };
    } else {
      throw new Error(`dcs.patch: ${name} has two members without a constant \`${key}\``);
    }
  }
  const base = fallback ?? { type: 'object', required: [key], properties: { [key]: { type: 'string', enum: constants } } };
  defs[name] = { ...(union.description ? { description: union.description } : {}), allOf: [base, ...branches] };
}
