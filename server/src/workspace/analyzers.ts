/**
 * The engine pieces the workspace index drives, seen through small structural interfaces so that the
 * index can be tested with stand-ins and the engine can change behind them.

 */
import type { Quotation } from '../engine/types';
import { findQuotations } from '../engine/index';
import { QuoteMatcher } from '../engine/matching/index';

import type { MatchGroup } from '../engine/matching/index';
import { FactIndex } from '../engine/facts/index';
import type { FactConflict } from '../engine/facts/index';
export type { MatchGroup, MatchPair, QuoteRef, Relation } from '../engine/matching/index';

export type { FactConflict, FactSpan } from '../engine/facts/index';

export interface MatcherLike {
  /** May return the files whose groups changed (then the index trusts it instead of comparing). */
  setFile(path: string, quotes: Quotation[]): string[] | void;
  removeFile(path: string): string[] | void;
  groups(): MatchGroup[];
  groupsForFile(path: string): MatchGroup[];
  /** Optional: cold indexing starts / ends (setFile may then skip working out the changed files). */
  beginBulk?(): void;
  endBulk?(): void;
}

export interface FactIndexLike {
  /** May return the files whose conflicts changed. */
  setFile(path: string, text: string): string[] | void;
  removeFile(path: string): string[] | void;
  conflicts(): FactConflict[];
  conflictsForFile(path: string): FactConflict[];
  beginBulk?(): void;
  endBulk?(): void;
}

export interface Analyzers {
  findQuotations(text: string): Quotation[];
  matcher: MatcherLike;
  facts: FactIndexLike;
}

/** The engine: the extractor, a fresh matcher and a fresh fact index. */
export function createAnalyzers(): Analyzers {
  return { findQuotations, matcher: new QuoteMatcher(), facts: new FactIndex() };
}
