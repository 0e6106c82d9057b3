// Inline suppression comments (README, "Inline suppression"):
//   # pactline-disable-next-line RULE[, RULE] -- reason
//   # pactline-disable RULE[, RULE] -- reason            (the whole file)
// RULE is a rule id (`schema/enum`) or a family (`schema`).
import * as YAML from 'yaml';
import type { LineIndex } from './lines';
import type { RawFinding } from './locate';
import { isKnownRule } from './rules';

export interface Suppressions {
  /** Rules off for the whole file. */
  file: Set<string>;
  /** Line (0-based) → rules off on that line. */
  lines: Map<number, Set<string>>;
  /** Problems with the comments themselves. */
  problems: RawFinding[];
}

const COMMENT = /^#\s*pactline-disable(-next-line)?(?=\s|$)(.*)$/;

/** Lexer tokens that mark structure and are not part of the source text (yaml's CST). */
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/**
 * Offsets of the real YAML comments that mention `pactline-disable`: text inside a quoted string or
 * a block scalar only looks like a comment. The lexer is only run on files that hold the word.
 */
function suppressionComments(text: string): { offset: number; text: string }[] {
  const found: { offset: number; text: string }[] = [];
  let offset = 0;
  try {
    for (const token of new YAML.Lexer().lex(text)) {
      if (CONTROL_TOKENS.has(token)) continue;
      if (token.charCodeAt(0) === 35 /* # */ && token.includes('pactline-disable'))
        found.push({ offset, text: token.replace(/\r$/, '') });
      offset += token.length;
    }
  } catch {
    return [];
  }
  return found;
}

export function readSuppressions(text: string, lines: LineIndex): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map(), problems: [] };
  if (!text.includes('pactline-disable')) return result;
  for (const comment of suppressionComments(text)) {
    const match = COMMENT.exec(comment.text);
    if (!match) continue;
    const line = lines.positionAt(comment.offset).line;
    const here = lines.rangeOf(comment.offset, comment.offset + comment.text.length);
    const [rulePart, ...reasonParts] = match[2].split('--');
    const reason = reasonParts.join('--').trim();
    const rules = rulePart.split(/[,\s]+/).filter(Boolean);
    if (!rules.length) {
      result.problems.push({
        rule: 'pactline/unknown-rule',
        message:
          'This suppression comment names no rule: write the rule id to silence, e.g. `# pactline-disable-next-line schema/enum -- reason`.',
        at: { range: here },
      });
      continue;
    }
    for (const rule of rules) {
      if (!isKnownRule(rule))
        result.problems.push({
          rule: 'pactline/unknown-rule',
          message: `Unknown rule \`${rule}\` in a suppression comment.`,
          at: { range: here },
        });
    }
    if (!reason) {
      result.problems.push({
        rule: 'pactline/suppression-without-reason',
        message: `Suppression of ${rules.map((r) => `\`${r}\``).join(', ')} gives no reason: add \`-- why\` so reviewers know it is deliberate.`,
        at: { range: here },
      });
    }
    if (match[1]) {
      const target = nextContentLine(text, lines, line + 1);
      if (target === undefined) continue;
      const set = result.lines.get(target) ?? new Set<string>();
      for (const rule of rules) set.add(rule);
      result.lines.set(target, set);
    } else {
      for (const rule of rules) result.file.add(rule);
    }
  }
  return result;
}

function nextContentLine(text: string, lines: LineIndex, from: number): number | undefined {
  for (let line = from; line < lines.lineCount; line++) {
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line)).trim();
    if (content && !content.startsWith('#')) return line;
  }
  return undefined;
}

export function isSuppressed(suppressions: Suppressions, rule: string, line: number): boolean {
  const family = rule.slice(0, rule.indexOf('/'));
  if (suppressions.file.has(rule) || suppressions.file.has(family)) return true;
  const onLine = suppressions.lines.get(line);
  return !!onLine && (onLine.has(rule) || onLine.has(family));
}
