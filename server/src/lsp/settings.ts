/** Reading Quote Lens settings from whatever a client sends, with defaults for anything missing or wrong. */
import { DEFAULT_SETTINGS } from '../protocol';
import type { QuoteLensSettings, SeveritySetting } from '../protocol';

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function stringList(x: unknown, fallback: string[]): string[] {
  if (typeof x === 'string') return [x];
  if (!Array.isArray(x)) return [...fallback];
  return x.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
}

function severity(x: unknown, fallback: SeveritySetting): SeveritySetting {
  if (typeof x !== 'string') return fallback;
  const v = x.toLowerCase() === 'info' ? 'information' : x.toLowerCase();
  return (SEVERITIES as readonly string[]).includes(v) ? (v as SeveritySetting) : fallback;
}

/**
 * Normalises raw settings. Accepts the `quoteLens` section itself, an object holding it under
 * `quoteLens`, or VS Code-style flat dotted keys (`"severity.conflict": "error"`).
 */
export function normalizeSettings(raw: unknown, base: QuoteLensSettings = DEFAULT_SETTINGS): QuoteLensSettings {
  let r: Record<string, unknown> = isObject(raw) ? raw : {};
  if (isObject(r.quoteLens)) r = r.quoteLens;
  const sevRaw: Record<string, unknown> = isObject(r.severity) ? { ...r.severity } : {};
  for (const [k, v] of Object.entries(r)) if (k.startsWith('severity.')) sevRaw[k.slice(9)] = v;
  const num = (x: unknown, fallback: number, min: number, max: number): number =>
    typeof x === 'number' && Number.isFinite(x) ? Math.min(max, Math.max(min, x)) : fallback;
  return {
    include: r.include === undefined ? [...base.include] : stringList(r.include, base.include),
    exclude: r.exclude === undefined ? [...base.exclude] : stringList(r.exclude, base.exclude),
    maxFileSizeMB: num(r.maxFileSizeMB, base.maxFileSizeMB, 0.001, 1024),
    debounceMs: num(r.debounceMs, base.debounceMs, 0, 10_000),
    codeLens: { enabled: codeLensEnabled(r, base) },
    severity: {
      duplicate: severity(sevRaw.duplicate, base.severity.duplicate),
      excerpt: severity(sevRaw.excerpt, base.severity.excerpt),
      variant: severity(sevRaw.variant, base.severity.variant),
      conflict: severity(sevRaw.conflict, base.severity.conflict),
      factConflict: severity(sevRaw.factConflict, base.severity.factConflict),
      wrongConversion: severity(sevRaw.wrongConversion, base.severity.wrongConversion),
    },
  };
}

/** `codeLens.enabled` nested or flat (`"codeLens.enabled": false`). */
function codeLensEnabled(r: Record<string, unknown>, base: QuoteLensSettings): boolean {
  const nested = isObject(r.codeLens) ? r.codeLens.enabled : undefined;
  const v = r['codeLens.enabled'] ?? nested;
  return typeof v === 'boolean' ? v : base.codeLens.enabled;
}

export function maxBytes(s: QuoteLensSettings): number {
  return Math.round(s.maxFileSizeMB * 1024 * 1024);
}

/** True when the settings that decide which files are indexed differ. */
export function fileSetChanged(a: QuoteLensSettings, b: QuoteLensSettings): boolean {
  return (
    a.maxFileSizeMB !== b.maxFileSizeMB ||
    a.include.join('\0') !== b.include.join('\0') ||
    a.exclude.join('\0') !== b.exclude.join('\0')
  );
}
