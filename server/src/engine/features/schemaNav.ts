// Navigation in a JSON Schema by data path: which sub-schemas apply to the value at
// `['schema', 0, 'properties', 3]`, following `$ref`, `allOf`, `anyOf`/`oneOf` (the alternatives that
// fit the value's shape) and `if`/`then`/`else` (decided on the current value).
//
// Fast by construction: the static part of each schema node (what `$ref` and `allOf` bring in, its
// alternatives and conditions) is computed once per node; and a path whose resolution did not
// depend on any value is cached by its pattern (`schema/*/properties/*`), so the common case is one
// map lookup.
import { isRecord } from '../kinds';
import type { PathSegment } from '../locate';

export type Schema = Record<string, unknown>;

interface StaticPart {
  /** The node and everything `$ref` and `allOf` bring in, unconditionally. */
  base: Schema[];
  /** `anyOf`/`oneOf` groups: each entry one alternative. */
  unions: Schema[][];
  conditionals: { if: unknown; then?: Schema; else?: Schema }[];
}

/** Gives the value at a depth of the path (0: the document); undefined when unknown. */
export type ValueAtDepth = (depth: number) => unknown;

/** What a set of schemas says about a value, for details and hovers. */
export interface SchemaSummary {
  types: string[];
  enumValues: unknown[];
  /** Names of the definitions the schemas come from (`SchemaObject`). */
  refNames: string[];
  /** Item definition or type of an array (`list of SchemaProperty`). */
  items?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  examples: unknown[];
  defaultValue?: unknown;
  deprecated?: string;
}

export class SchemaNavigator {
  private readonly statics = new WeakMap<Schema, StaticPart>();
  private readonly staticPaths = new Map<string, Schema[]>();

  constructor(readonly root: Schema) {}

  /** The schemas that apply to the value at `path`. */
  at(path: readonly PathSegment[], valueAt: ValueAtDepth = () => undefined): Schema[] {
    const pattern = path.map((s) => (typeof s === 'number' ? '*' : s.replace(/\*/g, '\\*'))).join('\u0000');
    const cached = this.staticPaths.get(pattern);
    if (cached) return cached;
    const deps = { onValue: false };
    let current = this.expand(this.root, valueAt(0), deps);
    for (let i = 0; i < path.length && current.length; i++) {
      const value = valueAt(i + 1);
      current = unique(this.children(current, path[i]).flatMap((child) => this.expand(child, value, deps)));
    }
    if (!deps.onValue) this.staticPaths.set(pattern, current);
    return current;
  }

  /**
   * The schemas written for one key or index under the given (expanded) parent schemas, before
   * expansion: where the key's own description lives (`{ description, $ref }`).
   */
  children(parents: readonly Schema[], segment: PathSegment): Schema[] {
    const out: Schema[] = [];
    for (const parent of parents) {
      if (typeof segment === 'number') {
        if (isRecord(parent.items)) out.push(parent.items);
        else if (Array.isArray(parent.items) && isRecord(parent.items[segment]))
          out.push(parent.items[segment] as Schema);
        continue;
      }
      const props = isRecord(parent.properties) ? parent.properties : undefined;
      if (props && isRecord(props[segment])) {
        out.push(props[segment] as Schema);
        continue;
      }
      let matched = false;
      if (isRecord(parent.patternProperties)) {
        for (const [pattern, sub] of Object.entries(parent.patternProperties)) {
          if (isRecord(sub) && safeTest(pattern, segment)) {
            out.push(sub);
            matched = true;
          }
        }
      }
      if (!matched && isRecord(parent.additionalProperties)) out.push(parent.additionalProperties);
    }
    return unique(out);
  }

  /** Every schema that applies to `value` when `schema` does. */
  expand(schema: Schema, value: unknown, deps = { onValue: false }, seen = new Set<Schema>()): Schema[] {
    if (seen.has(schema)) return [];
    seen.add(schema);
    const part = this.staticPart(schema);
    const out = [...part.base];
    for (const group of part.unions) {
      let chosen = group;
      if (value !== undefined) {
        const fitting = group.filter((alt) => this.fitsShape(alt, value));
        if (fitting.length && fitting.length < group.length) {
          chosen = fitting;
          deps.onValue = true;
        }
      }
      for (const alt of chosen) out.push(...this.expand(alt, value, deps, seen));
    }
    for (const c of part.conditionals) {
      deps.onValue = true;
      if (value === undefined) continue;
      const branch = this.matches(c.if, value) ? c.then : c.else;
      if (branch) out.push(...this.expand(branch, value, deps, seen));
    }
    return unique(out);
  }

  /** The keys the schemas define, each with the schemas written for it. */
  keys(schemas: readonly Schema[]): Map<string, Schema[]> {
    const keys = new Map<string, Schema[]>();
    for (const schema of schemas) {
      if (!isRecord(schema.properties)) continue;
      for (const [key, sub] of Object.entries(schema.properties)) {
        if (!isRecord(sub)) continue;
        const list = keys.get(key);
        if (list) list.push(sub);
        else keys.set(key, [sub]);
      }
    }
    return keys;
  }

  /** Keys the schemas require. */
  required(schemas: readonly Schema[]): Set<string> {
    const out = new Set<string>();
    for (const schema of schemas)
      if (Array.isArray(schema.required)) for (const key of schema.required) out.add(String(key));
    return out;
  }

  /** The first description: the one written next to the key wins over its definition's. */
  description(written: readonly Schema[]): string | undefined {
    for (const schema of written) if (typeof schema.description === 'string') return schema.description;
    for (const schema of written) {
      for (const expanded of this.expand(schema, undefined))
        if (typeof expanded.description === 'string') return expanded.description;
    }
    return undefined;
  }

  summary(written: readonly Schema[], value?: unknown): SchemaSummary {
    const summary: SchemaSummary = { types: [], enumValues: [], refNames: [], examples: [] };
    const all = unique(written.flatMap((w) => this.expand(w, value)));
    for (const s of [...written, ...all]) {
      if (typeof s.$ref === 'string') push(summary.refNames, refName(s.$ref));
    }
    for (const s of all) {
      for (const t of Array.isArray(s.type) ? s.type : s.type !== undefined ? [s.type] : [])
        push(summary.types, String(t));
      if (Array.isArray(s.enum)) for (const v of s.enum) push(summary.enumValues, v);
      if (s.const !== undefined) push(summary.enumValues, s.const);
      if (Array.isArray(s.examples)) for (const v of s.examples) push(summary.examples, v);
      if (typeof s.format === 'string') summary.format ??= s.format;
      if (typeof s.pattern === 'string') summary.pattern ??= s.pattern;
      if (typeof s.minimum === 'number') summary.minimum ??= s.minimum;
      if (typeof s.exclusiveMinimum === 'number') summary.minimum ??= s.exclusiveMinimum;
      if (typeof s.maximum === 'number') summary.maximum ??= s.maximum;
      if (typeof s.minLength === 'number') summary.minLength ??= s.minLength;
      if (typeof s.maxLength === 'number') summary.maxLength ??= s.maxLength;
      if (typeof s.minItems === 'number') summary.minItems ??= s.minItems;
      if (s.default !== undefined) summary.defaultValue ??= s.default;
      if (typeof s.deprecationMessage === 'string') summary.deprecated ??= s.deprecationMessage;
      if (isRecord(s.items) && summary.items === undefined) {
        const items = s.items;
        summary.items =
          typeof items.$ref === 'string'
            ? refName(items.$ref)
            : typeof items.type === 'string'
              ? items.type
              : (this.expand(items, undefined)
                  .map((x) => x.type)
                  .find((t) => typeof t === 'string') as string | undefined);
      }
    }
    if (!summary.deprecated) {
      const text = this.description(written);
      if (text && /\bDeprecated\b/.test(text))
        summary.deprecated = text.slice(text.search(/\bDeprecated\b/)).split('\n')[0];
    }
    return summary;
  }

  /** Whether a value satisfies a schema, for the simple schemas `if` uses (type, const, enum, properties, required...). */
  matches(schema: unknown, value: unknown, depth = 0): boolean {
    if (schema === true || schema === undefined) return true;
    if (schema === false) return false;
    if (!isRecord(schema) || depth > 20) return true;
    if (typeof schema.$ref === 'string') {
      const target = this.resolveRef(schema.$ref);
      if (target && !this.matches(target, value, depth + 1)) return false;
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => hasType(value, String(t)))) return false;
    }
    if (schema.const !== undefined && !sameValue(schema.const, value)) return false;
    if (Array.isArray(schema.enum) && !schema.enum.some((v) => sameValue(v, value))) return false;
    if (typeof schema.pattern === 'string' && typeof value === 'string' && !safeTest(schema.pattern, value))
      return false;
    if (isRecord(value)) {
      if (Array.isArray(schema.required) && !schema.required.every((k) => value[String(k)] !== undefined)) return false;
      if (isRecord(schema.properties)) {
        for (const [key, sub] of Object.entries(schema.properties)) {
          if (value[key] !== undefined && !this.matches(sub, value[key], depth + 1)) return false;
        }
      }
    }
    if (Array.isArray(schema.allOf) && !schema.allOf.every((s) => this.matches(s, value, depth + 1))) return false;
    if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => this.matches(s, value, depth + 1))) return false;
    if (Array.isArray(schema.oneOf) && !schema.oneOf.some((s) => this.matches(s, value, depth + 1))) return false;
    if (schema.not !== undefined && this.matches(schema.not, value, depth + 1)) return false;
    return true;
  }

  resolveRef(ref: string): Schema | undefined {
    const hash = ref.indexOf('#');
    if (hash < 0) return undefined;
    let node: unknown = this.root;
    const pointer = ref.slice(hash + 1);
    if (!pointer) return this.root;
    for (const raw of pointer.slice(1).split('/')) {
      const segment = decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
      node = isRecord(node) ? node[segment] : Array.isArray(node) ? node[Number(segment)] : undefined;
    }
    return isRecord(node) ? node : undefined;
  }

  private staticPart(schema: Schema): StaticPart {
    let part = this.statics.get(schema);
    if (part) return part;
    part = { base: [], unions: [], conditionals: [] };
    const seen = new Set<Schema>();
    const visit = (s: Schema) => {
      if (seen.has(s)) return;
      seen.add(s);
      part!.base.push(s);
      if (typeof s.$ref === 'string') {
        const target = this.resolveRef(s.$ref);
        if (target) visit(target);
      }
      if (Array.isArray(s.allOf)) for (const sub of s.allOf) if (isRecord(sub)) visit(sub);
      for (const key of ['anyOf', 'oneOf'] as const) {
        if (Array.isArray(s[key])) part!.unions.push((s[key] as unknown[]).filter(isRecord));
      }
      if (s.if !== undefined) {
        part!.conditionals.push({
          if: s.if,
          then: isRecord(s.then) ? s.then : undefined,
          else: isRecord(s.else) ? s.else : undefined,
        });
      }
    };
    visit(schema);
    this.statics.set(schema, part);
    return part;
  }

  /** Whether an alternative can describe a value of this shape (its types, const and enum). */
  private fitsShape(alternative: Schema, value: unknown): boolean {
    for (const s of this.staticPart(alternative).base) {
      if (s.type !== undefined) {
        const types = Array.isArray(s.type) ? s.type : [s.type];
        if (!types.some((t) => hasType(value, String(t)))) return false;
      }
      if (s.const !== undefined && !sameValue(s.const, value)) return false;
      if (Array.isArray(s.enum) && !s.enum.some((v) => sameValue(v, value))) return false;
    }
    return true;
  }
}

export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

const regexCache = new Map<string, RegExp | null>();
function safeTest(pattern: string, text: string): boolean {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    regexCache.set(pattern, re);
  }
  return re ? re.test(text) : true;
}

function unique<T>(items: T[]): T[] {
  return items.length < 2 ? items : [...new Set(items)];
}

function push(list: unknown[], value: unknown): void {
  if (!list.some((v) => sameValue(v, value))) list.push(value);
}
