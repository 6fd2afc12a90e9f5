/**
 * The engine's public surface: plain TypeScript with no editor or protocol imports, shared by the
 * CLI, the language server, the scripts and the tests.
 */
export type { Quotation, QuoteKind, MentionType, AttributionType, TextSpan } from './types';
export { findQuotations } from './quotations';
export { QuoteMatcher, classifyPair } from './matching/index';
export type { MatchGroup, MatchPair, QuoteRef, Relation } from './matching/index';
export { FactIndex } from './facts/index';
export type { FactConflict } from './facts/index';
