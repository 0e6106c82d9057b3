// SARIF 2.1.0, as GitHub code scanning reads it: one run, the rule catalogue in tool.driver.rules,
// one result per finding located relative to %SRCROOT% (the working directory).
//
// The driver lists every rule of the catalogue (context.rules), not only those that fired, followed
// by any rule a finding names that the catalogue lacks (a policy rule from the configuration, say):
// ruleIndex then means the same rule in every run, the output does not change shape with the
// findings, and a viewer can show what was checked. It costs a few kilobytes.
import type { RuleMeta, Severity } from '../../engine/types';
import type { Formatter, ReportFinding } from '../report';
import { jsonChange, jsonImpact } from './json';
import {
  PACTLINE_HOMEPAGE,
  RULES_TABLE_URI,
  describeImpact,
  jsonSafe,
  normalizedRange,
  sortedFindings,
} from './shared';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * The file URI of an absolute directory, with a trailing slash, the same on every platform:
 * `/srv/repo` → `file:///srv/repo/`, `C:\srv\repo` → `file:///C:/srv/repo/`,
 * `\\server\share\dir` → `file://server/share/dir/`. Each segment is percent-encoded.
 */
export function directoryFileUri(directory: string): string {
  let path = directory.replace(/\\/g, '/');
  let authority = '';
  const unc = /^\/\/([^/]+)(\/.*)?$/.exec(path);
  if (unc) {
    authority = unc[1];
    path = unc[2] ?? '/';
  } else if (/^[A-Za-z]:(\/|$)/.test(path)) {
    path = '/' + path;
  } else if (!path.startsWith('/')) {
    path = '/' + path;
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  const encoded = segments.map((segment, i) =>
    i === 0 && !authority && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment),
  );
  const body = encoded.length > 0 ? `/${encoded.join('/')}/` : '/';
  return `file://${encodeURIComponent(authority)}${body}`;
}

/** A relative path (forward slashes) as a relative URI reference: each segment percent-encoded. */
export function relativeUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** The first sentence of a description, for shortDescription. */
function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return match ? match[1] : text;
}

function ruleDescriptor(rule: RuleMeta) {
  const family = rule.id.includes('/') ? rule.id.slice(0, rule.id.indexOf('/')) : rule.id;
  return {
    id: rule.id,
    shortDescription: { text: firstSentence(rule.description) },
    fullDescription: { text: rule.description },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    helpUri: RULES_TABLE_URI,
    help: {
      text: `${rule.description} See ${RULES_TABLE_URI}`,
      markdown: `${rule.description}\n\nSee [the rule table](${RULES_TABLE_URI}).`,
    },
    properties: { tags: [family] },
  };
}

function messageText(finding: ReportFinding): string {
  const impact = finding.impact ?? [];
  if (impact.length === 0) return finding.message;
  return [finding.message, '', 'Affected consumers:', ...impact.map((item) => `- ${describeImpact(item)}`)].join('\n');
}

export const formatSarif: Formatter = (report, context) => {
  const findings = sortedFindings(report);

  const rules: RuleMeta[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (rule: RuleMeta) => {
    if (ruleIndex.has(rule.id)) return;
    ruleIndex.set(rule.id, rules.length);
    rules.push(rule);
  };
  for (const rule of context.rules) addRule(rule);
  const unknown = [...new Set(findings.map((f) => f.rule).filter((id) => !ruleIndex.has(id)))].sort();
  for (const id of unknown) {
    const first = findings.find((f) => f.rule === id)!;
    addRule({
      id,
      severity: first.severity,
      description: `${id}: a rule outside Pactline's catalogue (a policy from the configuration, say).`,
    });
  }

  const results = findings.map((finding) => {
    const region = normalizedRange(finding);
    const result: Record<string, unknown> = {
      ruleId: finding.rule,
      ruleIndex: ruleIndex.get(finding.rule),
      level: LEVEL[finding.severity],
      message: { text: messageText(finding) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: relativeUri(finding.file), uriBaseId: SRCROOT },
            region,
          },
        },
      ],
    };
    const impact = finding.impact ?? [];
    const related = impact.filter((item) => item.file);
    if (related.length > 0) {
      result.relatedLocations = related.map((item) => ({
        physicalLocation: { artifactLocation: { uri: relativeUri(item.file), uriBaseId: SRCROOT } },
        message: { text: describeImpact(item) },
      }));
    }
    if (finding.change || impact.length > 0) {
      const properties: Record<string, unknown> = {};
      if (finding.change) properties.change = jsonChange(finding.change);
      if (impact.length > 0) properties.impact = impact.map(jsonImpact);
      result.properties = properties;
    }
    return result;
  });

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: PACTLINE_HOMEPAGE,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryFileUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return jsonSafe(JSON.stringify(log, null, 2)) + '\n';
};
