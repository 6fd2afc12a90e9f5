import { DIAGNOSTICS_DOC_URL, REPOSITORY_URL, diagnosticDocUrl } from '../protocol';
import type { Finding } from './findings';

/** `file:line:col severity code message`, the shape linters and problem matchers read. */
export function formatText(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`);
}

/** One CSV field: quoted when it holds a comma, a quote mark or a line break (RFC 4180). */
export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function formatCsv(findings: readonly Finding[]): string {
  return toCsv(
    ['file', 'line', 'column', 'end_line', 'end_column', 'severity', 'code', 'message', 'related'],
    findings.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn, f.severity, f.code, f.message,
      f.related.map((r) => `${r.file}:${r.line}:${r.column}`).join(' ')]),
  );
}

const RULES: Record<string, string> = {
  'quote-duplicate': 'The same quotation appears in another place.',
  'quote-excerpt': 'One quotation is a part of another.',
  'quote-variant': 'The same statement is quoted in other words.',
  'quote-conflict': 'The same statement is quoted with facts that disagree, or credited to another speaker.',
  'fact-conflict': 'A figure disagrees with the same statement in another file.',
  'fact-wrong-conversion': 'A unit conversion inside one statement is wrong.',
};

const LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

/** SARIF 2.1.0, one result per diagnostic, with its related locations, for code-scanning tools. */
export function formatSarif(findings: readonly Finding[], version: string): object {
  const ruleIds = Object.keys(RULES);
  const location = (f: { file: string; line: number; column: number; endLine: number; endColumn: number }) => ({
    physicalLocation: {
      artifactLocation: { uri: f.file.split(/[\\/]/).map(encodeURIComponent).join('/') },
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
    },
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'quote-lens',
          version,
          informationUri: REPOSITORY_URL,
          rules: ruleIds.map((id) => ({ id, shortDescription: { text: RULES[id] }, helpUri: diagnosticDocUrl(id) })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: findings.map((f) => ({
        ruleId: f.code,
        ruleIndex: Math.max(0, ruleIds.indexOf(f.code)),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [location(f)],
        relatedLocations: f.related.map((r, i) => ({ id: i, ...location(r), message: { text: r.message } })),
      })),
      properties: { documentation: DIAGNOSTICS_DOC_URL },
    }],
  };
}
