// The report as a table for people: one line per rule with the evidence that decided.
import type { Evidence, Report, RuleReport } from './context.ts';

function compact(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

/** One line of evidence: `POST /otp → 201 {"otpId":…} (expected …)`. */
export function describeEvidence(evidence: Evidence): string {
  if (evidence.request === undefined) return evidence.note ?? '';
  const answer = evidence.status === undefined ? '' : ` → ${evidence.status}`;
  const body = evidence.body === undefined ? '' : ` ${compact(evidence.body)}`;
  const expected = evidence.expected ? `${evidence.ok === false ? ' expected' : ':'} ${evidence.expected}` : '';
  return `${evidence.request}${answer}${body}${expected}`;
}

/** The step that decided a rule: where it failed, else its last step, else its note. */
export function decidingEvidence(rule: RuleReport): Evidence | undefined {
  if (rule.status === 'fail') return rule.evidence.find((e) => e.ok === false) ?? rule.evidence.at(-1);
  if (rule.status === 'skip') return [...rule.evidence].reverse().find((e) => e.note !== undefined) ?? rule.evidence.at(-1);
  return [...rule.evidence].reverse().find((e) => e.request !== undefined) ?? rule.evidence.at(-1);
}

/** The report as a table; `verbose` lists every step under each rule. */
export function formatReport(report: Report, options: { verbose?: boolean } = {}): string {
  const width = Math.max(...report.rules.map((r) => r.id.length), 4);
  const lines = [`${'result'.padEnd(6)}  ${'rule'.padEnd(width)}  evidence`];
  for (const rule of report.rules) {
    const deciding = decidingEvidence(rule);
    lines.push(`${rule.status.toUpperCase().padEnd(6)}  ${rule.id.padEnd(width)}  ${deciding ? describeEvidence(deciding) : ''}`);
    if (options.verbose) for (const step of rule.evidence) lines.push(`${' '.repeat(width + 10)}${step.ok === false ? '✗ ' : ''}${describeEvidence(step)}`);
  }
  const { pass, fail, skip } = report.summary;
  lines.push('', `${report.rules.length} rules: ${pass} pass, ${fail} fail, ${skip} skipped`);
  return `${lines.join('\n')}\n`;
}
