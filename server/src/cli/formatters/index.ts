// The report formatters of `pactline lint --format …`: pure functions from a report to text.
import type { Formatter } from '../report';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';

export type FormatName = 'text' | 'json' | 'sarif' | 'github' | 'junit' | 'gitlab' | 'markdown';

export const FORMATTERS: Record<FormatName, Formatter> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  gitlab: formatGitlab,
  markdown: formatMarkdown,
};

export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(FORMATTERS, name);
}
