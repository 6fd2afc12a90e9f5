import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { collectFindings, shouldFail, type FailOn } from './findings';
import { formatCsv, formatSarif, formatText } from './formats';
import type { CliIO, LoadedFile } from './main';

export type CheckFormat = 'text' | 'json' | 'sarif' | 'csv';

/**
 * `quote-lens check`: the language server's diagnostics for every file, as linter lines, CSV or SARIF,
 * or the match groups and fact conflicts as JSON. The exit code follows `--fail-on` so CI can gate on it.
 */
export function runCheck(index: WorkspaceIndex, files: LoadedFile[], format: CheckFormat, failOn: FailOn, io: CliIO, version: string): number {
  const findings = collectFindings(index, files);
  switch (format) {
    case 'json':
      io.out(JSON.stringify(checkJson(index, files), null, 2));
      break;
    case 'sarif':
      io.out(JSON.stringify(formatSarif(findings, version), null, 2));
      break;
    case 'csv':
      io.out(formatCsv(findings).replace(/\r\n$/, ''));
      break;
    default: {
      for (const line of formatText(findings)) io.out(line);
      const stats = index.stats();
      io.err(`quote-lens: ${files.length} files, ${stats.quotes} quotations, ${stats.groups} match groups, ${stats.conflicts} conflicts, ${findings.length} diagnostics`);
    }
  }
  return shouldFail(findings, failOn) ? 1 : 0;
}

/** The documented `check --json` shape: match groups with member indexes, and fact conflicts. */
function checkJson(index: WorkspaceIndex, files: LoadedFile[]): object {
  const byPath = new Map(files.map((f) => [f.path, f.display]));
  const shown = (p: string) => byPath.get(p) ?? p;
  return {
    files: files.map((f) => f.display),
    groups: index.groups().map((g) => ({
      id: g.id,
      speaker: g.speaker,
      members: g.members.map((m) => ({ path: shown(m.path), start: m.start, end: m.end, text: m.text })),
      pairs: g.pairs.map((p) => ({ a: p.a, b: p.b, relation: p.relation, detail: p.detail })),
    })),
    conflicts: index.conflicts().map((c) => ({
      kind: c.kind,
      a: { path: shown(c.a.path), start: c.a.start, end: c.a.end, text: c.a.text },
      b: c.b ? { path: shown(c.b.path), start: c.b.start, end: c.b.end, text: c.b.text } : null,
      detail: c.detail,
    })),
  };
}
