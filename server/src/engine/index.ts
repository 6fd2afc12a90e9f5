/**
 * The engine's public surface: plain TypeScript with no editor or protocol imports, shared by the
 * CLI, the language server, the scripts and the tests.
 */
export type { Quotation, QuoteKind, MentionType, AttributionType, TextSpan } from './types';
export { findQuotations } from './quotations';
