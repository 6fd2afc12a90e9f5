import type { TextSpan } from '../types';
import { isLetterOrDigit, isSpace } from './paragraphs';

/** One quoted stretch: `open`/`close` are the mark positions, `start`/`end` the words between. */
export interface MarkedSpan {
  open: number;
  start: number;
  end: number;
  /** Index just past the closing mark (== end when the paragraph ended with the quote still open). */
  close: number;
  closed: boolean;
  /** Quoted with single marks (‘…’ or '…'). */
  single: boolean;
  /** Nesting depth: 0 for a top-level quote, 1 for a quote inside a quote. */
  depth: number;
}

const OPEN_DOUBLE = new Set(['\u201C', '\u201E', '\u00AB', '\u201F']);
const CLOSE_DOUBLE = new Set(['\u201D', '\u00BB']);
const DOUBLE_MARK_RE = /["'`\u201C\u201D\u201E\u201F\u00AB\u00BB]/g;
const SINGLE_MARK_RE = /['\u2018\u2019]/g;
const OPEN_CONTEXT = /[\s([{\u2014\u2013\-\/:;,\u201C\u201D"'\u2018]/u;

/**
 * Pairs quotation marks inside one paragraph. Straight marks are read as opening or closing from
 * their neighbours; an unclosed quote runs to the end of the paragraph (the multi-paragraph
 * convention leaves the closing mark off). Never throws, whatever the marks.
 */
export function findMarkedSpans(text: string, para: TextSpan): MarkedSpan[] {
  const spans: MarkedSpan[] = [];
  /** Double quotes in the other style inside an open one (`"… “As you know …?” …"`). */
  let nested: MarkedSpan[] | null = null;
  let openAt = -1;
  let openLen = 1;
  const openCurly = (): boolean => OPEN_DOUBLE.has(text[openAt]);
  const nextWord = nextWordFinder(text, para.end);
  const nest = (at: number, innerCurly: boolean, sameStyle = false): boolean => {
    const inner = nestedSpan(text, at, para.end, innerCurly, sameStyle, nextWord);
    if (!inner) return false;
    (nested ??= []).push(inner);
    DOUBLE_MARK_RE.lastIndex = inner.close - para.start;
    return true;
  };
  // The scan runs over the paragraph alone: a regex search on the whole text would read to the end
  // of the file for every paragraph without a mark (quadratic in paragraphs).
  const paraText = text.slice(para.start, para.end);
  DOUBLE_MARK_RE.lastIndex = 0;
  for (let mm; (mm = DOUBLE_MARK_RE.exec(paraText)); ) {
    let i = para.start + mm.index;
    const ch = text[i];
    if (OPEN_DOUBLE.has(ch)) {
      // A second opening mark right before a space is a mistyped closing one.
      if (openAt >= 0 && (i + 1 >= para.end || isSpace(text.charCodeAt(i + 1)) || /[.,;:!?]/.test(text[i + 1]))) {
        spans.push(span(openAt, openLen, i, 1, true, false));
        openAt = -1;
      } else if (openAt >= 0 && nest(i, true, openCurly())) {
        // nested: the outer quote stays open
      } else {
        openAt = i;
        openLen = 1;
      }
    } else if (CLOSE_DOUBLE.has(ch)) {
      if (openAt >= 0) {
        spans.push(span(openAt, openLen, i, 1, true, false));
        openAt = -1;
      }
    } else if (ch === '"') {
      if (openAt >= 0 && openCurly() && i > para.start && OPEN_CONTEXT.test(text[i - 1]) && i + 1 < para.end && isLetterOrDigit(text[i + 1]) &&
        nest(i, false)) {
        // nested: the outer quote stays open
      } else if (openAt < 0) {
        // A straight mark followed by a space cannot open a quote; it is a stray closer.
        if (i + 1 < para.end && !isSpace(text.charCodeAt(i + 1))) {
          openAt = i;
          openLen = 1;
        }
      } else {
        spans.push(span(openAt, openLen, i, 1, true, false));
        openAt = -1;
      }
    } else if (ch === "'" && text[i + 1] === "'" && openAt >= 0 && i > para.start && !isSpace(text.charCodeAt(i - 1))) {
      // Two apostrophes used as a closing double mark (typewriter style).
      spans.push(span(openAt, openLen, i, 2, true, false));
      openAt = -1;
      DOUBLE_MARK_RE.lastIndex = ++i + 1 - para.start;
    } else if (ch === "'" && text[i + 1] === "'" && openAt < 0 && (i === para.start || isSpace(text.charCodeAt(i - 1)) || /[(\[\u2014\u2013]/.test(text[i - 1])) &&
      i + 2 < para.end && !isSpace(text.charCodeAt(i + 2))) {
      // Typewriter opening double mark ('' as in some wire and archive copy).
      openAt = i;
      openLen = 2;
      DOUBLE_MARK_RE.lastIndex = ++i + 1 - para.start;
    } else if (ch === '`' && text[i + 1] === '`' && openAt < 0) {
      openAt = i;
      openLen = 2;
      DOUBLE_MARK_RE.lastIndex = ++i + 1 - para.start;
    }
  }
  if (openAt >= 0) {
    let e = para.end;
    while (e > openAt + openLen && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > openAt + openLen) {
      spans.push({ open: openAt, start: openAt + openLen, end: e, close: e, closed: false, single: false, depth: 0 });
    }
  }
  const singles: MarkedSpan[] = [];
  // Single marks: inside each double quote (nested) and in the text between them.
  let cursor = para.start;
  for (const d of spans) {
    findSingleSpans(text, cursor, d.open, 0, singles);
    findSingleSpans(text, d.start, d.end, 1, singles);
    cursor = d.close;
  }
  findSingleSpans(text, cursor, para.end, 0, singles);
  const all = singles.length === 0 && nested === null ? spans : [...spans, ...singles, ...(nested ?? [])].sort((a, b) => a.open - b.open);
  // Markup attributes (<tweet author="…">) are not quotations.
  return all.filter((m) => text[m.open - 1] !== '=');
}

/**
 * A double quote opened at `at` inside an open one (curly inside straight, straight inside curly, or curly
 * inside curly when the outer one closes later) is nested when it closes and the outer quote goes on after
 * it: then it is returned as a depth-1 span; otherwise null, and the mark is read as before.
 */
function nestedSpan(
  text: string, at: number, paraEnd: number, innerCurly: boolean, sameStyle: boolean, nextWord: (from: number) => number,
): MarkedSpan | null {
  let close = -1;
  for (let j = at + 1; j < paraEnd; j++) {
    const c = text[j];
    if (innerCurly ? CLOSE_DOUBLE.has(c) : c === '"' && !isSpace(text.charCodeAt(j - 1))) {
      close = j;
      break;
    }
    if (innerCurly ? OPEN_DOUBLE.has(c) : CLOSE_DOUBLE.has(c)) return null;
  }
  if (close < 0) return null;
  // The outer quote must go on: words (or its closing mark after more words) follow the inner one.
  let j = nextWord(close + 1);
  if (j >= paraEnd) return null;
  // “… what he calls “hell” than …”: in the same style, only a closing mark of the outer quote (before any
  // other opening one) tells nesting from an unclosed quote followed by another.
  if (sameStyle) {
    while (j < paraEnd && !CLOSE_DOUBLE.has(text[j])) {
      if (OPEN_DOUBLE.has(text[j])) return null;
      j++;
    }
    if (j >= paraEnd) return null;
  }
  return { open: at, start: at + 1, end: close, close: close + 1, closed: true, single: false, depth: 1 };
}

/**
 * The first letter or digit at or after `from` (`paraEnd` when none). Queries come at non-decreasing
 * offsets, so the last answer is reused: a paragraph of thousands of marks and no words (fuzz seed
 * 20261205 #758028) would otherwise rescan its tail for every mark.
 */
function nextWordFinder(text: string, paraEnd: number): (from: number) => number {
  let lastFrom = paraEnd;
  let lastAt = paraEnd;
  return (from) => {
    if (from >= lastFrom && from <= lastAt) return lastAt;
    let j = from;
    while (j < paraEnd && !isLetterOrDigit(text[j])) j++;
    lastFrom = from;
    lastAt = j;
    return j;
  };
}

function span(open: number, openLen: number, closeAt: number, closeLen: number, closed: boolean, single: boolean): MarkedSpan {
  return { open, start: open + openLen, end: closeAt, close: closeAt + closeLen, closed, single, depth: 0 };
}

/**
 * Single marks double as apostrophes (Russia’s, don't, ’90s), so a single quote needs an opening
 * mark at the start of a word and a closing mark at the end of one, with no other opening between.
 */
function findSingleSpans(text: string, from: number, to: number, depth: number, out: MarkedSpan[]): void {
  let openAt = -1;
  const span = text.slice(from, to);
  SINGLE_MARK_RE.lastIndex = 0;
  for (let mm; (mm = SINGLE_MARK_RE.exec(span)); ) {
    const i = from + mm.index;
    // A right single mark with no quote open is an apostrophe ("Russia’s"): most marks, passed over here.
    if (openAt < 0 && text.charCodeAt(i) === 0x2019) continue;
    const ch = text[i];
    const prev = i > 0 ? text[i - 1] : ' ';
    const next = i + 1 < text.length ? text[i + 1] : ' ';
    const canOpen = (ch === '\u2018' || ch === "'") && (i === from || OPEN_CONTEXT.test(prev)) && isLetterOrDigit(next) &&
      !/^\d\ds?\b/.test(text.slice(i + 1, i + 4));
    const canClose = (ch === '\u2019' || ch === "'") && !isLetterOrDigit(next) && !isSpace(prev.charCodeAt(0)) && openAt >= 0;
    if (canClose && i - openAt > 1 && i - openAt < 300) {
      // "the allies’ view": a plural possessive is not a closing mark when the open one is far back.
      const inner = text.slice(openAt + 1, i);
      if (!(prev === 's' && /\s\S+s$/.test(inner) && inner.split(/\s+/).length > 6)) {
        out.push({ open: openAt, start: openAt + 1, end: i, close: i + 1, closed: true, single: true, depth });
        openAt = -1;
        continue;
      }
    }
    if (canOpen) openAt = i;
  }
}
