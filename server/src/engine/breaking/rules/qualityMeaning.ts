// Quality checks compared by meaning before they are compared by text ("equivalence before
// difference"): the same check spelled another way is not a change. What is decided here:
//
// - threshold spellings: DCS `must_be_less_than` ≡ `mustBeLessThan`, `mustBeGreaterThanOrEqualTo` ≡
//   `mustBeGreaterOrEqualTo`;
// - ODCS v3.0 `rule:` forms ≡ their v3.1 `metric` (engine/migrate/quality.ts), `row_count` ≡ `rowCount`,
//   `type: library` implied by a metric;
// - SQL: comments, whitespace and keyword case do not count; where the query parses (node-sql-parser,
//   PostgreSQL grammar) the parser's own rendering is compared, otherwise the normalised text;
// - `SELECT COUNT(*) FROM <the object>` with a threshold ≡ the `rowCount` metric with that threshold.
//
// Pure; the parser is loaded on the first SQL check only (it is 300 KB of grammar).
import { isRecord } from '../../kinds';
import { metricForRule, qualityV30ToV31 } from '../../migrate/quality';

/** camelCase threshold operators, each spelling → the one the comparison uses. */
const OPERATORS: Record<string, string> = {
  mustbe: 'mustBe',
  mustnotbe: 'mustNotBe',
  mustbegreaterthan: 'mustBeGreaterThan',
  mustbegreaterorequalto: 'mustBeGreaterOrEqualTo',
  mustbegreaterthanorequalto: 'mustBeGreaterOrEqualTo',
  mustbelessthan: 'mustBeLessThan',
  mustbelessorequalto: 'mustBeLessOrEqualTo',
  mustbelessthanorequalto: 'mustBeLessOrEqualTo',
  mustbebetween: 'mustBeBetween',
  mustnotbebetween: 'mustNotBeBetween',
};

/** The canonical operator a threshold key spells (`must_be_less_than` → `mustBeLessThan`), or undefined. */
export function thresholdOperator(key: string): string | undefined {
  return OPERATORS[key.replace(/[_-]/g, '').toLowerCase()];
}

/** The names a check's table can go by: the schema object's name and physical name. */
export interface CheckOwner {
  names: readonly string[];
}

/**
 * A check as its meaning: v3.0 rules as v3.1 metrics, threshold keys in one spelling, SQL normalised,
 * a plain row count query as the `rowCount` metric. Keys not about meaning are left for the caller to
 * drop (descriptions, schedules...).
 */
export function checkMeaning(raw: Record<string, unknown>, owner: CheckOwner): Record<string, unknown> {
  let check: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const op = thresholdOperator(key);
    check[op ?? key] = value;
  }
  check = qualityV30ToV31(check);
  // DCS 1.x `type: row_count`, a metric name written as the type.
  if (
    typeof check.type === 'string' &&
    check.metric === undefined &&
    metricForRule(check.type) &&
    !['sql', 'text', 'custom', 'library'].includes(check.type)
  ) {
    check = { ...check, metric: metricForRule(check.type) };
    delete check.type;
  }
  if (typeof check.metric === 'string') {
    check.metric = metricForRule(check.metric) ?? check.metric;
    if (check.type === 'library') delete check.type;
  }
  if (check.type === 'sql' && typeof check.query === 'string') {
    const query = normaliseSql(check.query);
    const table = query.rowCountOf;
    if (table !== undefined && (table.startsWith('{') || owner.names.some((n) => n.toLowerCase() === table))) {
      const out: Record<string, unknown> = { ...check, metric: 'rowCount' };
      delete out.type;
      delete out.query;
      return out;
    }
    check = { ...check, query: query.text };
  }
  // `engine: great-expectations` ≡ `greatExpectations` (DCS → ODCS spelling).
  if (typeof check.engine === 'string') check = { ...check, engine: check.engine.replace(/[-_\s]/g, '').toLowerCase() };
  if (isRecord(check.arguments) && !Object.keys(check.arguments).length) delete check.arguments;
  return check;
}

export interface NormalisedSql {
  /** Comparable text: the parser's rendering where it parses, normalised tokens otherwise. */
  text: string;
  /** Whether node-sql-parser read it. */
  parsed: boolean;
  /** For `SELECT COUNT(*) FROM t` (nothing else): `t`, lower case. */
  rowCountOf?: string;
}

type SqlParser = { astify(sql: string): unknown; sqlify(ast: unknown): string };
let parser: SqlParser | null | undefined;

function sqlParser(): SqlParser | null {
  if (parser === undefined) {
    try {
      const { Parser } = require('node-sql-parser/build/postgresql') as { Parser: new () => SqlParser };
      parser = new Parser();
    } catch {
      parser = null;
    }
  }
  return parser;
}

/** Placeholders datacontract-cli and ODCS examples write for the table: `{model}`, `${table}`, `{{ object }}`. */
const PLACEHOLDER = /\$?\{\{?\s*(model|table|object|schema|name)\s*\}?\}/gi;

/**
 * Tokens of a SQL text with comments dropped, unquoted words lower-cased (SQL keywords and unquoted
 * identifiers are case-insensitive), string literals and quoted identifiers kept as written.
 */
export function sqlTokens(sql: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === c && sql[j + 1] === c) {
          j += 2;
          continue;
        }
        if (sql[j] === c) break;
        j++;
      }
      out.push(sql.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_0-9$.]+/.exec(sql.slice(i, i + 200));
    if (word) {
      out.push(word[0].toLowerCase());
      i += word[0].length;
      continue;
    }
    const op = /^(<=|>=|<>|!=|::|\|\|)/.exec(sql.slice(i, i + 2));
    if (op) {
      out.push(op[0] === '<>' ? '!=' : op[0]);
      i += 2;
      continue;
    }
    out.push(c);
    i++;
  }
  while (out[out.length - 1] === ';') out.pop();
  return out;
}

export function normaliseSql(sql: string): NormalisedSql {
  const marked = sql.replace(PLACEHOLDER, (_m, name: string) => `__pactline_${name.toLowerCase()}__`);
  const tokens = sqlTokens(marked);
  const text = tokens.join(' ');
  const p = sqlParser();
  if (p) {
    try {
      const ast = p.astify(text);
      const single = Array.isArray(ast) ? (ast.length === 1 ? ast[0] : undefined) : ast;
      if (single) {
        return {
          text: p.sqlify(single).replace(/"__pactline_(\w+?)__"/g, '{$1}'),
          parsed: true,
          rowCountOf: rowCountTable(single),
        };
      }
    } catch {
      // not in the grammar: the token text is compared
    }
  }
  return { text: text.replace(/__pactline_(\w+?)__/g, '{$1}'), parsed: false };
}

/** `SELECT COUNT(*) FROM t`, nothing else (no WHERE, JOIN, GROUP BY, LIMIT...): `t` (or `{model}`). */
function rowCountTable(ast: unknown): string | undefined {
  if (!isRecord(ast) || ast.type !== 'select') return undefined;
  const limited = isRecord(ast.limit) && Array.isArray(ast.limit.value) && ast.limit.value.length > 0;
  const distinct = isRecord(ast.distinct) ? ast.distinct.type != null : !!ast.distinct;
  if (ast.where || ast.groupby || ast.having || limited || ast.with || distinct || ast._next) return undefined;
  const columns = ast.columns;
  if (!Array.isArray(columns) || columns.length !== 1 || !isRecord(columns[0])) return undefined;
  const expr = columns[0].expr;
  if (!isRecord(expr) || expr.type !== 'aggr_func' || String(expr.name).toLowerCase() !== 'count') return undefined;
  const args = isRecord(expr.args) ? expr.args : undefined;
  const star = args && isRecord(args.expr) && (args.expr.type === 'star' || args.expr.value === '*');
  if (!star || (args?.distinct != null && args.distinct !== '')) return undefined;
  const from = ast.from;
  if (
    !Array.isArray(from) ||
    from.length !== 1 ||
    !isRecord(from[0]) ||
    typeof from[0].table !== 'string' ||
    from[0].join
  )
    return undefined;
  const table = from[0].table.toLowerCase();
  const placeholder = /^__pactline_(\w+?)__$/.exec(table);
  return placeholder ? `{${placeholder[1]}}` : table;
}
