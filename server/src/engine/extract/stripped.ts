/**
 * Some feeds strip every quotation mark and apostrophe ("Syria s Deir al-Zor"). In such a file
 * quotations can only be recognised by their attribution, so the extractor switches to looking for
 * unmarked quotations. The stripped possessive is the telltale: ordinary prose has no "Syria s".
 */
export function hasStrippedQuoteMarks(text: string): boolean {
  if (text.length < 200) return false;
  if (/["\u201C\u201D\u201E\u00AB\u00BB\u2018\u2019'`]/.test(text)) return false;
  const possessives = text.match(/\b\p{Lu}\p{Ll}+ s\b(?! \p{Ll}+ing\b)/gu) ?? [];
  const contractions = text.match(/\b(don|doesn|didn|isn|wasn|aren|won|can|couldn|wouldn|it|that|there|we|they|I) (t|s|re|ve|ll|m|d)\b/g) ?? [];
  return possessives.length + contractions.length >= 1;
}
