// Which way a change of type, bound or label goes: WIDER (the new contract accepts more values),
// NARROWER (it accepts fewer), EQUAL, or OTHER (neither includes the other). Forward compatibility
// (consumers of the old contract read new data) is broken by WIDER and OTHER; backward compatibility
// (old data stays valid under the new contract) by NARROWER and OTHER.

export type Direction = 'equal' | 'wider' | 'narrower' | 'other';

/** DCS type names that mean the same thing, mapped to one name. */
const DCS_ALIASES: Record<string, string> = {
  int: 'int',
  integer: 'int',
  long: 'long',
  bigint: 'long',
  number: 'decimal',
  decimal: 'decimal',
  numeric: 'decimal',
  float: 'float',
  double: 'double',
  string: 'string',
  text: 'string',
  varchar: 'string',
  timestamp: 'timestamp',
  timestamp_tz: 'timestamp',
  timestamp_ntz: 'timestamp_ntz',
  object: 'object',
  record: 'object',
  struct: 'object',
};

export function canonicalDcsType(type: string): string {
  const t = type.trim().toLowerCase();
  return DCS_ALIASES[t] ?? t;
}

/**
 * Logical types where every value of the first is a value of the second (widening): ODCS
 * `integer → number`, `date → timestamp`; DCS `int → long → decimal`, `float → double`...
 */
const LOGICAL_WIDENING: Record<string, readonly string[]> = {
  integer: ['number'],
  date: ['timestamp'],
  int: ['long', 'decimal', 'double'],
  long: ['decimal'],
  float: ['double'],
};

export function logicalTypeDirection(before: string, after: string): Direction {
  if (before === after) return 'equal';
  if (widens(LOGICAL_WIDENING, before, after)) return 'wider';
  if (widens(LOGICAL_WIDENING, after, before)) return 'narrower';
  return 'other';
}

function widens(table: Record<string, readonly string[]>, from: string, to: string, seen = new Set<string>()): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  return (table[from] ?? []).some((next) => next === to || widens(table, next, to, seen));
}

// ---- physical types -----------------------------------------------------------------------------

interface PhysicalType {
  family: 'string' | 'integer' | 'decimal' | 'float' | 'timestamp' | 'date' | 'time' | 'other';
  /** Normalized base name (`varchar`, `bigint`). */
  base: string;
  /** Rank inside the family (integer sizes, float sizes). */
  rank?: number;
  /** String length (undefined: unbounded); timestamp precision. */
  length?: number;
  precision?: number;
  scale?: number;
  raw: string;
}

const INTEGER_RANK: Record<string, number> = {
  tinyint: 1,
  int1: 1,
  byteint: 1,
  smallint: 2,
  int2: 2,
  int16: 2,
  short: 2,
  int: 3,
  integer: 3,
  int4: 3,
  int32: 3,
  mediumint: 3,
  bigint: 4,
  int8: 4,
  int64: 4,
  long: 4,
  hugeint: 5,
  int128: 5,
};
const FLOAT_RANK: Record<string, number> = {
  real: 1,
  float4: 1,
  float32: 1,
  float: 2,
  float8: 2,
  float64: 2,
  double: 2,
  'double precision': 2,
};
const STRING_BASES = new Set([
  'varchar',
  'char',
  'character',
  'nvarchar',
  'nchar',
  'string',
  'text',
  'character varying',
  'varchar2',
  'nvarchar2',
  'clob',
  'ntext',
]);
const UNBOUNDED_STRINGS = new Set(['string', 'text', 'clob', 'ntext']);
const DECIMAL_BASES = new Set(['decimal', 'numeric', 'number', 'bignumeric', 'dec']);

export function parsePhysicalType(raw: string): PhysicalType {
  const t = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  const match = /^([a-z_][a-z0-9_]*(?: [a-z_][a-z0-9_]*)*)\s*(?:\(\s*([^)]*)\))?\s*(.*)$/.exec(t);
  const base = match ? match[1].trim() : t;
  const args = match?.[2] ? match[2].split(',').map((a) => a.trim()) : [];
  const rest = match?.[3] ?? '';
  const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);
  if (STRING_BASES.has(base)) {
    const length = args[0] === 'max' ? undefined : num(args[0]);
    return {
      family: 'string',
      base:
        UNBOUNDED_STRINGS.has(base) || length === undefined
          ? 'string'
          : base === 'char' || base === 'character' || base === 'nchar'
            ? 'char'
            : 'varchar',
      length: UNBOUNDED_STRINGS.has(base) ? undefined : length,
      raw: t,
    };
  }
  if (INTEGER_RANK[base] !== undefined) return { family: 'integer', base, rank: INTEGER_RANK[base], raw: t };
  if (FLOAT_RANK[base] !== undefined) return { family: 'float', base, rank: FLOAT_RANK[base], raw: t };
  if (DECIMAL_BASES.has(base))
    return {
      family: 'decimal',
      base: 'decimal',
      precision: num(args[0]),
      scale: num(args[1]) ?? (args[0] !== undefined ? 0 : undefined),
      raw: t,
    };
  if (/^timestamp/.test(base) || base === 'datetime' || base === 'datetime2') {
    const zone = /with time zone|tz$|_tz/.test(base + ' ' + rest)
      ? 'tz'
      : /_ntz|without time zone/.test(base + ' ' + rest)
        ? 'ntz'
        : '';
    return { family: 'timestamp', base: `timestamp${zone}`, precision: num(args[0]), raw: t };
  }
  if (base === 'date') return { family: 'date', base, raw: t };
  if (base === 'time') return { family: 'time', base, precision: num(args[0]), raw: t };
  return { family: 'other', base: t, raw: t };
}

export function physicalTypeDirection(before: string, after: string): Direction {
  const a = parsePhysicalType(before);
  const b = parsePhysicalType(after);
  if (a.raw === b.raw) return 'equal';
  if (a.family === 'string' && b.family === 'string') {
    if (a.base === 'char' || b.base === 'char') {
      if (a.base === b.base) return a.length === b.length ? 'equal' : 'other'; // CHAR pads: any length change changes values
      return 'other';
    }
    return compareBound(a.length, b.length);
  }
  if (a.family === 'integer' && b.family === 'integer') return rankDirection(a.rank!, b.rank!);
  if (a.family === 'float' && b.family === 'float') return rankDirection(a.rank!, b.rank!);
  if (a.family === 'integer' && b.family === 'decimal')
    return b.precision === undefined || b.precision - (b.scale ?? 0) >= integerDigits(a.rank!) ? 'wider' : 'other';
  if (a.family === 'decimal' && b.family === 'integer')
    return a.precision !== undefined && a.precision - (a.scale ?? 0) <= integerDigits(b.rank!) && !a.scale
      ? 'narrower'
      : 'other';
  if (a.family === 'decimal' && b.family === 'decimal') {
    if (a.precision === undefined || b.precision === undefined)
      return a.precision === b.precision ? 'equal' : b.precision === undefined ? 'wider' : 'narrower';
    const ai = a.precision - (a.scale ?? 0);
    const bi = b.precision - (b.scale ?? 0);
    const as = a.scale ?? 0;
    const bs = b.scale ?? 0;
    if (ai === bi && as === bs) return 'equal';
    if (bi >= ai && bs >= as) return 'wider';
    if (bi <= ai && bs <= as) return 'narrower';
    return 'other';
  }
  if (a.family === 'timestamp' && b.family === 'timestamp') {
    if (a.base !== b.base) return 'other';
    return compareBound(a.precision ?? 6, b.precision ?? 6);
  }
  if (a.family === 'date' && b.family === 'timestamp') return 'wider';
  if (a.family === 'timestamp' && b.family === 'date') return 'narrower';
  if (a.family === 'time' && b.family === 'time') return compareBound(a.precision ?? 6, b.precision ?? 6);
  if (a.family === b.family && a.base === b.base) return 'equal';
  return 'other';
}

/** Digits an integer type of this rank needs. */
function integerDigits(rank: number): number {
  return [0, 3, 5, 10, 19, 39][rank] ?? 39;
}

function rankDirection(a: number, b: number): Direction {
  return a === b ? 'equal' : b > a ? 'wider' : 'narrower';
}

/** An upper bound (undefined: none) moving: up is wider. */
export function compareBound(before: number | undefined, after: number | undefined): Direction {
  if (before === after) return 'equal';
  if (after === undefined) return 'wider';
  if (before === undefined) return 'narrower';
  return after > before ? 'wider' : 'narrower';
}

// ---- classification -----------------------------------------------------------------------------

/** Sensitivity levels, lowest first; unknown labels are not ranked. */
const CLASSIFICATION_RANK: Record<string, number> = {
  public: 0,
  open: 0,
  unclassified: 0,
  unrestricted: 0,
  none: 0,
  internal: 1,
  'internal-only': 1,
  private: 1,
  general: 1,
  confidential: 2,
  sensitive: 2,
  classified: 2,
  pii: 2,
  personal: 2,
  restricted: 3,
  secret: 3,
  'highly-confidential': 3,
  'highly confidential': 3,
  'strictly-confidential': 3,
  'strictly confidential': 3,
  'top-secret': 4,
  'top secret': 4,
};

export function classificationRank(label: unknown): number | undefined {
  if (typeof label !== 'string') return undefined;
  return CLASSIFICATION_RANK[label.trim().toLowerCase()];
}

// ---- semver -------------------------------------------------------------------------------------

/**
 * Whether `after` is a major version bump over `before`: the major number grew, or, for 0.x
 * versions (where every minor may break, as Cargo and npm read them), the minor number grew.
 */
export function isMajorBump(before: string | undefined, after: string | undefined): boolean {
  const a = parseSemver(before);
  const b = parseSemver(after);
  if (!a || !b) return false;
  if (b[0] !== a[0]) return b[0] > a[0];
  return a[0] === 0 && b[1] > a[1];
}

function parseSemver(version: string | undefined): [number, number, number] | undefined {
  const match = version ? /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version) : null;
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}
