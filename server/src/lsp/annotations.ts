/**
 * The server side of annotations: one store per workspace folder, lookups by file path and quotation,
 * the `quoteLens/annotate` request, and the workspace trust gate (no writes until trusted).
 */
import * as path from 'node:path';
import { AnnotationStore, ANNOTATIONS_DIR, ANNOTATIONS_FILE } from '../annotations/store';
import type { Annotation } from '../annotations/store';
import { annotationKey } from '../annotations/keys';
import type { QuoteIdentity } from '../annotations/keys';
import type { AnnotateParams, AnnotateResult, AnnotationInfo } from '../protocol';
import type { AnnotationLookup, FeatureContext } from './context';
import { quoteAt } from './context';

export const UNTRUSTED_REASON =
  'This workspace is not trusted: Quote Lens shows annotations but does not write .quotelens/annotations.json until you trust the workspace.';

export class AnnotationService implements AnnotationLookup {
  private stores = new Map<string, AnnotationStore>();
  private trusted = true;
  /** Errors already shown to the user (shown once per message). */
  private readonly shown = new Set<string>();

  constructor(
    private readonly hooks: {
      log: (message: string) => void;
      /** Shows an error to the user (window/showMessage). */
      showError: (message: string) => void;
    },
  ) {}

  /** Opens the stores of these folders (keeps the ones already open) and loads them. */
  async setFolders(folders: string[]): Promise<void> {
    const next = new Map<string, AnnotationStore>();
    for (const f of folders) {
      const s = this.stores.get(f) ?? new AnnotationStore(f);
      s.readOnlyReason = this.trusted ? undefined : UNTRUSTED_REASON;
      next.set(f, s);
    }
    const added = [...next.values()].filter((s) => !this.stores.has(s.folder));
    this.stores = next;
    await Promise.all(added.map((s) => this.load(s)));
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    for (const s of this.stores.values()) s.readOnlyReason = trusted ? undefined : UNTRUSTED_REASON;
  }

  isTrusted(): boolean {
    return this.trusted;
  }

  /** Is this path an annotations file of an open folder? */
  isAnnotationsFile(p: string): boolean {
    return [...this.stores.values()].some((s) => s.file === p);
  }

  static isAnnotationsPath(p: string): boolean {
    return path.basename(p) === ANNOTATIONS_FILE && path.basename(path.dirname(p)) === ANNOTATIONS_DIR;
  }

  /** Re-reads the annotations file at `p` (after a watcher event). True when annotations changed. */
  async reload(p: string): Promise<boolean> {
    const s = [...this.stores.values()].find((x) => x.file === p);
    return s ? this.load(s) : false;
  }

  private async load(s: AnnotationStore): Promise<boolean> {
    try {
      const changed = await s.load();
      if (s.error) this.reportOnce(s.error.message);
      return changed;
    } catch (err) {
      this.reportOnce(`Could not read ${s.file}: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  private reportOnce(message: string): void {
    this.hooks.log(message);
    if (this.shown.has(message)) return;
    this.shown.add(message);
    this.hooks.showError(message);
  }

  /** The store holding a file's annotations (the innermost folder containing it) and the file's path in it. */
  private storeFor(p: string): { store: AnnotationStore; rel: string } | undefined {
    let best: AnnotationStore | undefined;
    for (const s of this.stores.values()) {
      const rel = path.relative(s.folder, p);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && (!best || s.folder.length > best.folder.length)) best = s;
    }
    return best ? { store: best, rel: path.relative(best.folder, p).split(path.sep).join('/') } : undefined;
  }

  identity(p: string, q: { text: string; speaker: string | null }): QuoteIdentity | undefined {
    const at = this.storeFor(p);
    return at ? { file: at.rel, speaker: q.speaker, quote: q.text } : undefined;
  }

  get(p: string, q: { text: string; speaker: string | null }): Annotation | undefined {
    const at = this.storeFor(p);
    return at?.store.get({ file: at.rel, speaker: q.speaker, quote: q.text });
  }

  ignored(pa: string, a: { text: string; speaker: string | null }, pb: string, b: { text: string; speaker: string | null }): boolean {
    return this.ignores(pa, a, pb, b) || this.ignores(pb, b, pa, a);
  }

  private ignores(pa: string, a: { text: string; speaker: string | null }, pb: string, b: { text: string; speaker: string | null }): boolean {
    const ann = this.get(pa, a);
    if (!ann) return false;
    if (ann.ignoreAllMatches) return true;
    if (!ann.ignoredMatches?.length) return false;
    const other = this.identity(pb, b);
    if (!other) return false;
    const key = annotationKey(other);
    return ann.ignoredMatches.some((m) => annotationKey(m) === key);
  }

  count(): number {
    let n = 0;
    for (const s of this.stores.values()) n += s.entries().length;
    return n;
  }

  errors(): string[] {
    return [...this.stores.values()].flatMap((s) => (s.error ? [s.error.message] : []));
  }

  /** Handles `quoteLens/annotate`. Throws with a message for the user when it cannot. */
  async annotate(ctx: FeatureContext, params: AnnotateParams): Promise<AnnotateResult> {
    const hit = quoteAt(ctx, params.uri, params.position, false);
    if (!hit) throw new Error('There is no quotation at this position to annotate.');
    const at = this.storeFor(hit.path);
    if (!at) throw new Error('Only files inside a workspace folder can be annotated (the annotations live in the folder).');
    const self: QuoteIdentity = { file: at.rel, speaker: hit.quote.speaker, quote: hit.quote.text };
    let other: QuoteIdentity | undefined;
    if (params.action === 'ignoreMatch') {
      if (!params.other) throw new Error('ignoreMatch needs the other quotation of the match.');
      const o = quoteAt(ctx, params.other.uri, params.other.position, false);
      if (!o) throw new Error('The other quotation of the match was not found.');
      const oid = this.identity(o.path, { text: o.quote.text, speaker: o.quote.speaker });
      // A match with a file outside the folders is stored by its absolute path: still a stable key.
      other = oid ?? { file: o.path, speaker: o.quote.speaker, quote: o.quote.text };
    }
    const written = await at.store.update(self, (cur) => {
      const a: Annotation = cur ?? { ...self };
      switch (params.action) {
        case 'verify':
          return { ...a, status: 'verified' };
        case 'dispute':
          return { ...a, status: 'disputed' };
        case 'clearStatus':
          return { ...a, status: undefined };
        case 'setNote':
          return { ...a, note: params.note?.trim() || undefined };
        case 'ignoreMatch':
          return { ...a, ignoredMatches: [...(a.ignoredMatches ?? []), other!] };
        case 'ignoreAllMatches':
          return { ...a, ignoreAllMatches: true };
        case 'unignore':
          return { ...a, ignoreAllMatches: undefined, ignoredMatches: undefined };
        case 'clear':
          return undefined;
        default:
          throw new Error(`Unknown annotation action '${String(params.action)}'.`);
      }
    });
    return { annotation: written ? toInfo(written) : null, file: at.store.file };
  }
}

export function toInfo(a: Annotation): AnnotationInfo {
  const out: AnnotationInfo = { file: a.file, speaker: a.speaker ?? null, quote: a.quote };
  if (a.status) out.status = a.status;
  if (a.note) out.note = a.note;
  if (a.ignoreAllMatches) out.ignoreAllMatches = true;
  if (a.ignoredMatches?.length) out.ignoredMatches = a.ignoredMatches.map((m) => ({ file: m.file, speaker: m.speaker ?? null, quote: m.quote }));
  if (a.updated) out.updated = a.updated;
  return out;
}

/** "✓ verified", "✗ disputed", "ignored", for lenses and tree items. */
export function annotationBadge(a: Annotation | undefined): string {
  if (!a) return '';
  const parts: string[] = [];
  if (a.status === 'verified') parts.push('✓ verified');
  if (a.status === 'disputed') parts.push('✗ disputed');
  if (a.ignoreAllMatches) parts.push('matches ignored');
  else if (a.ignoredMatches?.length) parts.push(`${a.ignoredMatches.length} ignored`);
  if (a.note) parts.push('note');
  return parts.join(' · ');
}
