// Markdown for messages and hovers: the one inline-code helper (values with backticks survive).
import { canonical } from './model/values';

/** A value as Markdown inline code: text as is, anything else as canonical JSON. */
export function code(value: unknown): string {
  const s = typeof value === 'string' ? value : canonical(value);
  return s.includes('`') ? '`` ' + s + ' ``' : '`' + s + '`';
}
