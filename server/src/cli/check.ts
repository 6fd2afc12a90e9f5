import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { buildDiagnostics } from '../lsp/diagnostics';
import { DEFAULT_SETTINGS } from '../protocol';
import { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { CliIO, LoadedFile } from './main';

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/**
 * `quote-lens check`: indexes the files as the language server does and prints the same diagnostics,
 * one per line (`file:line:col severity code message`), or the match groups and fact conflicts as
 * JSON. Exits 1 when a conflict is found so that CI can gate on it.
 */
export function runCheck(files: LoadedFile[], json: boolean, io: CliIO): number {
  const index = new WorkspaceIndex({ log: (m) => io.err(`quote-lens: ${m}`) });
  const byPath = new Map(files.map((f) => [f.path, f]));
  index.beginBulk();
  for (const f of files) index.setFile(f.path, f.text);
  index.endBulk();
  const shown = (p: string) => byPath.get(p)?.display ?? p;
  const groups = index.groups();
  const conflicts = index.conflicts();
  const hasConflict = conflicts.length > 0 || groups.some((g) => g.pairs.some((p) => p.relation === 'conflict'));
  if (json) {
    io.out(JSON.stringify({
      files: files.map((f) => f.display),
      groups: groups.map((g) => ({
        id: g.id,
        speaker: g.speaker,
        members: g.members.map((m) => ({ path: shown(m.path), start: m.start, end: m.end, text: m.text })),
        pairs: g.pairs.map((p) => ({ a: p.a, b: p.b, relation: p.relation, detail: p.detail })),
      })),
      conflicts: conflicts.map((c) => ({
        kind: c.kind,
        a: { path: shown(c.a.path), start: c.a.start, end: c.a.end, text: c.a.text },
        b: c.b ? { path: shown(c.b.path), start: c.b.start, end: c.b.end, text: c.b.text } : null,
        detail: c.detail,
      })),
    }, null, 2));
    return hasConflict ? 1 : 0;
  }
  let count = 0;
  for (const f of files) {
    const diagnostics = buildDiagnostics(index, f.path, {
      settings: DEFAULT_SETTINGS,
      relatedInformation: false,
      codeDescription: false,
      uriFor: (p) => pathToFileURL(p).toString(),
    });
    for (const d of diagnostics) {
      count++;
      const sev = SEVERITY[d.severity ?? DiagnosticSeverity.Information] ?? 'info';
      io.out(`${f.display}:${d.range.start.line + 1}:${d.range.start.character + 1} ${sev} ${String(d.code ?? '')} ${d.message}`);
    }
  }
  const stats = index.stats();
  io.err(`quote-lens: ${files.length} files, ${stats.quotes} quotations, ${stats.groups} match groups, ${stats.conflicts} fact conflicts, ${count} diagnostics`);
  return hasConflict ? 1 : 0;
}
