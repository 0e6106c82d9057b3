// Random YAML texts for the fast reader (server/src/engine/fastYaml.ts): documents drawn from the
// grammar it reads (block mappings and sequences, compact entries, plain/quoted/block scalars,
// one-line flow collections, comments), written with random indentation and styles, then often
// mutated (a character inserted, deleted or doubled, a line re-indented, CRLF, a BOM, trailing
// blanks, a missing final newline, document markers). For each text the reader must give up or
// give exactly js-yaml's value, and `parseDocument` must not change. Seeded: the same texts each run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasUnderIndentedContinuation } from '../../server/src/engine/document';
import { checkAgainstJsYaml } from './fast-yaml-check';

/** mulberry32: small, seeded, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAIN = [
  'abc',
  'hello world',
  'a:b',
  'a :b',
  'http://x.example/a#b',
  'x#y',
  'ünïcödé',
  '日本語',
  '😀 emoji',
  'it’s',
  "it's",
  'say "hi"',
  'a [b] {c}, d',
  '-x',
  '-1',
  '?x',
  'a\tb',
  '0x1F',
  '0X1F',
  '0x',
  '1_000',
  '.inf',
  '-.INF',
  '+.Inf',
  '.NaN',
  '.nan',
  '012',
  '08',
  '0o17',
  '0b101',
  '0b',
  '+1',
  '-0',
  '+0',
  '1e3',
  '1E3',
  '1e+3',
  '1.5',
  '.5',
  '5.',
  '1e',
  '1.2.3',
  '12345678901234567890',
  '1e400',
  '~',
  'null',
  'Null',
  'NULL',
  'nUll',
  'true',
  'TRUE',
  'True',
  'tRue',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  '<<',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '2024-01-01',
  '12:30',
  '1,000',
  'a%b',
  'a@b',
];
const KEYS = [
  'a',
  'b',
  'name',
  'id',
  'x y',
  '1',
  '01',
  'true',
  '~',
  'null',
  '__proto__',
  'toString',
  'é',
  'a.b',
  'k-1',
];
const ODD = ['-', '- a', ':', '? a', 'a: b', '[a]', '{a: b}', '#c', '&a', '*a', '!t', '@x', '`x', '%x', '|', '>', ''];
const ESCAPES = [
  '\\n',
  '\\t',
  '\\x41',
  '\\u00e9',
  '\\U0001F600',
  '\\"',
  '\\\\',
  '\\/',
  '\\N',
  '\\_',
  '\\L',
  '\\P',
  '\\e',
  '\\0',
  '\\ ',
  '\\a',
  '\\b',
  '\\v',
  '\\f',
  '\\r',
  '\\q',
  '\\x4',
  '\\uD800',
  '\\UFFFFFFFF',
  '\\U00110000',
  '\\\t',
];

class Writer {
  constructor(private readonly r: () => number) {}
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.r() * list.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }

  plain(): string {
    return this.chance(0.05) ? this.pick(ODD) : this.pick(PLAIN);
  }
  single(): string {
    const body = this.pick([...PLAIN, ...ODD, "it's", "a''b"]).replace(/'/g, this.chance(0.9) ? "''" : "'");
    return `'${body}'`;
  }
  double(): string {
    let body = '';
    for (let i = this.int(0, 3); i > 0; i--)
      body += this.chance(0.5) ? this.pick(PLAIN).replace(/["\\]/g, '') : this.pick(ESCAPES);
    return `"${body}"`;
  }
  scalar(): string {
    const x = this.r();
    return x < 0.6 ? this.plain() : x < 0.8 ? this.double() : this.single();
  }
  key(): string {
    const x = this.r();
    if (x < 0.8) return this.pick(KEYS);
    if (x < 0.9) return this.chance(0.5) ? `"${this.pick(KEYS)}"` : `'${this.pick(KEYS)}'`;
    return this.pick(PLAIN);
  }
  comment(): string {
    return this.chance(0.15) ? ` # ${this.pick(['note', 'a: "b', '[x', "it's", ''])}` : '';
  }
  flow(): string {
    const n = this.int(0, 3);
    const items: string[] = [];
    if (this.chance(0.5)) {
      for (let i = 0; i < n; i++) items.push(this.flowScalar());
      return `[${items.join(this.pick([', ', ',', ' , ']))}${this.chance(0.1) ? ',' : ''}]`;
    }
    for (let i = 0; i < n; i++) items.push(`${this.pick(KEYS)}: ${this.flowScalar()}`);
    return `{${items.join(', ')}}`;
  }
  flowScalar(): string {
    const x = this.r();
    return x < 0.7 ? this.pick(PLAIN).replace(/[,[\]{}]/g, '') || 'a' : x < 0.85 ? this.double() : this.single();
  }
  blockScalar(indent: number): string[] {
    const header = this.pick(['|', '>', '|-', '>-', '|+', '>+', '|2', '>1', '|1-', '|-2', '|0', '|++']);
    const lines = [header + this.comment()];
    const step = this.int(1, 3);
    for (let i = this.int(0, 4); i > 0; i--) {
      const x = this.r();
      if (x < 0.15) lines.push('');
      else if (x < 0.25) lines.push(' '.repeat(indent + step + this.int(0, 3)));
      else {
        // now and then a line the continuation check takes for an unclosed value
        const text = this.chance(0.15) ? this.pick(['x: "open', '- [open', "k: 'it", '"open']) : this.scalar();
        lines.push(' '.repeat(indent + step + (this.chance(0.2) ? this.int(1, 3) : 0)) + text);
      }
    }
    return lines;
  }

  /** A value after `key:` or `- ` at `indent` (the collection's column): same-line text, then lines. */
  value(indent: number, depth: number): string[] {
    const x = this.r();
    if (depth < 4 && x < 0.3) {
      const step = this.int(1, 4);
      const body = this.chance(0.5) ? this.mapping(indent + step, depth + 1) : this.sequence(indent + step, depth + 1);
      return [this.comment().trimStart(), ...body];
    }
    if (depth < 4 && x < 0.36) return ['', ...this.sequence(indent, depth + 1)]; // a sequence at its key's column
    if (x < 0.45) return [this.flow() + this.comment()];
    if (x < 0.53) return this.blockScalar(indent);
    if (x < 0.58) return [this.comment().trimStart()]; // empty: null
    if (x < 0.63) {
      // a plain scalar continued on further lines
      const lines = [this.pick(PLAIN)];
      for (let i = this.int(1, 2); i > 0; i--)
        lines.push((this.chance(0.2) ? '\n' : '') + ' '.repeat(indent + this.int(1, 3)) + this.pick(PLAIN));
      return lines;
    }
    return [this.scalar() + this.comment()];
  }

  mapping(indent: number, depth: number): string[] {
    const out: string[] = [];
    for (let i = this.int(1, 4); i > 0; i--) {
      if (this.chance(0.1)) out.push(' '.repeat(this.int(0, indent + 2)) + '# comment');
      const [first, ...rest] = this.value(indent, depth);
      out.push(`${' '.repeat(indent)}${this.key()}:${first ? ' ' + first : ''}`, ...rest);
    }
    return out;
  }

  sequence(indent: number, depth: number): string[] {
    const out: string[] = [];
    for (let i = this.int(1, 4); i > 0; i--) {
      const pad = ' '.repeat(indent);
      const x = this.r();
      if (depth < 4 && x < 0.25) {
        // compact mapping: `- key: value` and its other keys under the first
        const gap = this.int(1, 2);
        const inner = this.mapping(indent + 1 + gap, depth + 1);
        out.push(pad + '-' + ' '.repeat(gap) + inner[0].trimStart(), ...inner.slice(1));
      } else if (depth < 4 && x < 0.32) {
        const inner = this.sequence(indent + 2, depth + 1); // `- - a`
        out.push(pad + '- ' + inner[0].trimStart(), ...inner.slice(1));
      } else {
        const [first, ...rest] = this.value(indent, depth);
        out.push(`${pad}-${first ? ' ' + first : ''}`, ...rest);
      }
    }
    return out;
  }

  document(): string {
    const lines = this.chance(0.8) ? this.mapping(0, 0) : this.sequence(this.chance(0.8) ? 0 : 2, 0);
    if (this.chance(0.1)) lines.unshift('---');
    if (this.chance(0.1)) lines.unshift('# header');
    return lines.join('\n') + '\n';
  }

  mutate(text: string): string {
    const edits = this.chance(0.5) ? 0 : this.int(1, 3);
    for (let i = 0; i < edits; i++) {
      const at = this.int(0, text.length);
      const x = this.r();
      if (x < 0.35) {
        const c = this.pick([
          ' ',
          '  ',
          '\t',
          '#',
          ' #',
          ':',
          ': ',
          '-',
          '- ',
          '"',
          "'",
          '\n',
          '[',
          ']',
          '{',
          '}',
          ',',
          '&',
          '*',
          '!',
          '|',
          '>',
          '\\',
          '\r\n',
          '\r',
          'é',
          '\u2028',
          '\x85',
          '\u00a0',
          '\x07',
          '\ufeff',
          '%',
          '?',
          '`',
          '---\n',
          '...\n',
        ]);
        text = text.slice(0, at) + c + text.slice(at);
      } else if (x < 0.55) {
        text = text.slice(0, at) + text.slice(at + 1);
      } else if (x < 0.7) {
        text = text.slice(0, at) + text.slice(at, at + 1) + text.slice(at);
      } else {
        // re-indent one line by ±1 space, or double a line
        const lines = text.split('\n');
        const n = this.int(0, lines.length - 1);
        if (this.chance(0.3)) lines.splice(n, 0, lines[n]);
        else lines[n] = this.chance(0.5) ? ' ' + lines[n] : lines[n].replace(/^ /, '');
        text = lines.join('\n');
      }
    }
    if (this.chance(0.1)) text = text.replace(/\n/g, '\r\n');
    if (this.chance(0.05)) text = '\ufeff' + text;
    if (this.chance(0.1)) text = text.replace(/\n/g, () => (this.chance(0.3) ? '  \n' : '\n'));
    if (this.chance(0.1)) text = text.replace(/\n$/, '');
    if (this.chance(0.03)) text += this.pick(['---\n', '...\n', '--- a\n']);
    return text;
  }
}

describe('the fast YAML reader on random texts', () => {
  it('gives js-yaml’s value or gives up, on 4,000 texts from its grammar and mutations', (t) => {
    // PACTLINE_FUZZ_SEED / PACTLINE_FUZZ_CASES: a longer or different run, by hand.
    const w = new Writer(rng(Number(process.env.PACTLINE_FUZZ_SEED ?? 20261206)));
    let accepted = 0;
    let fires = 0;
    const cases = Number(process.env.PACTLINE_FUZZ_CASES ?? 4000);
    for (let i = 0; i < cases; i++) {
      const text = w.mutate(w.document());
      const label = `case ${i}: ${JSON.stringify(text)}`;
      if (checkAgainstJsYaml(label, text)) {
        accepted++;
        if (hasUnderIndentedContinuation(text)) fires++;
      }
    }
    t.diagnostic(`fast reader accepted ${accepted} of ${cases} random texts (${fires} set off the continuation check)`);
    // Texts on which the continuation check fires are among them: its lax regions are tested.
    assert.ok(fires >= 10, `only ${fires} accepted texts set off the continuation check`);
    // Not a vacuous check: a good share of the texts is in the subset (and many are not).
    assert.ok(accepted > cases * 0.25 && accepted < cases * 0.9, `accepted ${accepted} of ${cases}`);
  });
});
