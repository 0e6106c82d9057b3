// GitLab Code Quality report (a subset of the Code Climate format): a JSON array of issues that the
// merge-request widget compares between the source and the target branch by fingerprint.
import { createHash } from 'node:crypto';
import type { Formatter, ReportFinding } from '../report';
import { describeImpact, jsonSafe, normalizedRange, sortedFindings } from './shared';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/**
 * error → major, but a breaking change that is an error → critical (it breaks consumers already
 * running); warning → minor; info → info.
 */
export function gitlabSeverity(finding: ReportFinding): GitlabSeverity {
  switch (finding.severity) {
    case 'error':
      return finding.rule.startsWith('breaking/') ? 'critical' : 'major';
    case 'warning':
      return 'minor';
    default:
      return 'info';
  }
}

/**
 * A stable fingerprint: SHA-1 (hex) over the rule, the file, the range and the message, serialised
 * unambiguously. SHA-1 rather than MD5 because MD5 is unavailable on FIPS-mode Node builds.
 */
export function fingerprint(finding: ReportFinding): string {
  const { startLine, startColumn, endLine, endColumn } = normalizedRange(finding);
  const key = JSON.stringify([finding.rule, finding.file, startLine, startColumn, endLine, endColumn, finding.message]);
  return createHash('sha1').update(key, 'utf8').digest('hex');
}

export const formatGitlab: Formatter = (report) => {
  const issues = sortedFindings(report).map((finding) => {
    const { startLine, endLine } = normalizedRange(finding);
    const impact = finding.impact ?? [];
    const description =
      impact.length === 0 ? finding.message : `${finding.message} (affects ${impact.map(describeImpact).join('; ')})`;
    return {
      description,
      check_name: finding.rule,
      fingerprint: fingerprint(finding),
      severity: gitlabSeverity(finding),
      location: { path: finding.file, lines: { begin: startLine, end: endLine } },
    };
  });
  return jsonSafe(JSON.stringify(issues, null, 2)) + '\n';
};
