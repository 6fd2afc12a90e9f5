import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { buildDiagnostics } from '../lsp/diagnostics';
import { DEFAULT_SETTINGS } from '../protocol';
import { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { LoadedFile } from './main';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Place {
  /** Path as shown to the user. */
  file: string;
  /** 1-based, as printed by linters; columns count UTF-16 code units like the editor's. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One diagnostic, independent of the output format. */
export interface Finding extends Place {
  severity: Severity;
  code: string;
  message: string;
  related: (Place & { message: string })[];
}

const SEVERITY: Record<number, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** Indexes the files as the language server does; `progress` is told after each file. */
export function indexFiles(files: LoadedFile[], log: (m: string) => void, progress?: (done: number, total: number) => void): WorkspaceIndex {
  const index = new WorkspaceIndex({ log });
  index.beginBulk();
  files.forEach((f, i) => {
    index.setFile(f.path, f.text);
    progress?.(i + 1, files.length);
  });
  index.endBulk();
  return index;
}

/** The language server's diagnostics for every file, so that the CLI and the editor say the same. */
export function collectFindings(index: WorkspaceIndex, files: LoadedFile[]): Finding[] {
  const shown = new Map(files.map((f) => [pathToFileURL(f.path).toString(), f.display]));
  const out: Finding[] = [];
  for (const f of files) {
    const diagnostics = buildDiagnostics(index, f.path, {
      settings: DEFAULT_SETTINGS,
      relatedInformation: true,
      codeDescription: false,
      uriFor: (p) => pathToFileURL(p).toString(),
    });
    for (const d of diagnostics) {
      out.push({
        file: f.display,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY[d.severity ?? DiagnosticSeverity.Information] ?? 'info',
        code: String(d.code ?? ''),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        related: (d.relatedInformation ?? []).map((r) => ({
          file: shown.get(r.location.uri) ?? fileURLToPath(r.location.uri),
          line: r.location.range.start.line + 1,
          column: r.location.range.start.character + 1,
          endLine: r.location.range.end.line + 1,
          endColumn: r.location.range.end.character + 1,
          message: r.message,
        })),
      });
    }
  }
  return out;
}

export type FailOn = 'conflict' | 'variant' | 'none';

/** Whether the findings should fail a CI run under `--fail-on`. */
export function shouldFail(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const failing = failOn === 'variant'
    ? /^(quote-conflict|quote-variant|fact-conflict|fact-wrong-conversion)$/
    : /^(quote-conflict|fact-conflict|fact-wrong-conversion)$/;
  return findings.some((f) => failing.test(f.code));
}
