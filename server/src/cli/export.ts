import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { CliIO, LoadedFile } from './main';
import { toCsv } from './formats';
import { lineColumn } from './positions';

const COLUMNS = ['file', 'line', 'column', 'start', 'end', 'kind', 'speaker', 'speaker_mention', 'attribution', 'cue', 'text',
  'matches', 'duplicates', 'excerpts', 'variants', 'conflicts'] as const;

/** `quote-lens export --csv|--jsonl`: every quotation with its place, speaker, kind and match counts. */
export function runExport(index: WorkspaceIndex, files: LoadedFile[], as: 'csv' | 'jsonl', io: CliIO): number {
  const rows: Record<(typeof COLUMNS)[number], string | number | null>[] = [];
  for (const f of files) {
    const entry = index.file(f.path);
    if (!entry) continue;
    const counts = matchCounts(index, f.path);
    for (const q of entry.quotes) {
      const { line, column } = lineColumn(f.text, q.start);
      const c = counts.get(q.start) ?? { matches: 0, duplicate: 0, excerpt: 0, variant: 0, conflict: 0 };
      rows.push({
        file: f.display, line, column, start: q.start, end: q.end, kind: q.kind, speaker: q.speaker,
        speaker_mention: q.speaker_mention, attribution: q.attribution, cue: q.cue, text: q.text,
        matches: c.matches, duplicates: c.duplicate, excerpts: c.excerpt, variants: c.variant, conflicts: c.conflict,
      });
    }
  }
  if (as === 'jsonl') for (const r of rows) io.out(JSON.stringify(r));
  else io.out(toCsv(COLUMNS, rows.map((r) => COLUMNS.map((k) => r[k]))).replace(/\r\n$/, ''));
  return 0;
}

interface Counts { matches: number; duplicate: number; excerpt: number; variant: number; conflict: number }

/** For each quotation of a file (by start offset), how many places match it and how. */
function matchCounts(index: WorkspaceIndex, file: string): Map<number, Counts> {
  const out = new Map<number, Counts>();
  for (const g of index.resultsForFile(file).groups) {
    g.members.forEach((m, i) => {
      if (m.path !== file) return;
      const c = out.get(m.start) ?? { matches: 0, duplicate: 0, excerpt: 0, variant: 0, conflict: 0 };
      for (const p of g.pairs) {
        if (p.a !== i && p.b !== i) continue;
        c.matches++;
        if (p.relation in c) c[p.relation as keyof Omit<Counts, 'matches'>]++;
      }
      out.set(m.start, c);
    });
  }
  return out;
}
