/**
 * Quote Lens's custom LSP messages, declared once and imported by the client and the server.
 * Only method names and payload types live here (no vscode-jsonrpc objects): the client and the server
 * bundle different copies of the protocol package, so each side passes the method string.
 */

/** Diagnostic codes, one per relation. `codeDescription.href` is `diagnosticDocUrl(code)`. */
export const DiagnosticCodes = {
  duplicate: 'quote-duplicate',
  excerpt: 'quote-excerpt',
  variant: 'quote-variant',
  conflict: 'quote-conflict',
  factConflict: 'fact-conflict',
  wrongConversion: 'fact-wrong-conversion',
} as const;
export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];

/** The project's home; the README has a `## Diagnostics` section with one `### <code>` heading per code. */
export const REPOSITORY_URL = 'https://github.com/quote-lens/quote-lens';
export const DIAGNOSTICS_DOC_URL = `${REPOSITORY_URL}#diagnostics`;

/** The README anchor of one diagnostic code (GitHub's anchor of a `### quote-duplicate` heading). */
export function diagnosticDocUrl(code: string): string {
  return `${REPOSITORY_URL}#${code}`;
}

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'quote-lens';

/** `Diagnostic.data` of a quotation diagnostic (for code actions). */
export interface QuoteDiagnosticData {
  /** Match group id (`MatchGroup.id`); null for fact conflicts. */
  groupId: string | null;
  /** The relation of the worst pair involving this quotation, or the fact-conflict kind. */
  relation: string;
  /** Index of this quotation in the group's members (quotation diagnostics only). */
  member?: number;
}

// ---------------------------------------------------------------------------------------------------
// Notification server → client: index status (after indexing, and throttled after each change).

export const IndexStatusNotification = 'quoteLens/indexStatus';

export interface SkippedFileInfo {
  uri: string;
  reason: string;
}

export interface IndexStatusParams {
  /** `indexing` while the cold index runs; `ready` afterwards; `cancelled` if the user stopped it. */
  state: 'indexing' | 'ready' | 'cancelled';
  /** Files in the index. */
  files: number;
  /** While indexing: files found so far to index. */
  total?: number;
  quotes: number;
  /** Match groups (a statement quoted in two or more places). */
  groups: number;
  /** Quotation pairs in conflict plus fact conflicts. */
  conflicts: number;
  /** Files that could not be indexed, with one-line reasons (at most 200 listed). */
  skipped: SkippedFileInfo[];
  skippedCount: number;
  /** Files whose analysis threw (logged with the error), listed by URI. */
  failed: string[];
  /** Annotated quotations in the workspace's `.quotelens/annotations.json` files. */
  annotations?: number;
  /** Annotation files that cannot be read (one message each); they are not written until fixed. */
  annotationErrors?: string[];
}

// ---------------------------------------------------------------------------------------------------
// Request client → server: the matches and conflicts of one file (for hovers, lenses, trees, tests).

export const MatchesRequest = 'quoteLens/matches';

export interface MatchesParams {
  uri: string;
}

export interface ProtocolRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface MatchMember {
  uri: string;
  range: ProtocolRange;
  /** UTF-16 offsets into that file's text. */
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  speakerId: string | null;
  kind: string;
  /** Short label of the file ("Reuters file 002"). */
  label: string;
}

export interface MatchGroupInfo {
  id: string;
  speaker: string | null;
  members: MatchMember[];
  pairs: Array<{ a: number; b: number; relation: string; subtype?: string; detail: string }>;
}

export interface FactSide {
  uri: string;
  range: ProtocolRange;
  start: number;
  end: number;
  text: string;
  label: string;
}

export interface FactConflictInfo {
  kind: string;
  a: FactSide;
  b: FactSide | null;
  detail: string;
}

export interface MatchesResult {
  groups: MatchGroupInfo[];
  conflicts: FactConflictInfo[];
}

// ---------------------------------------------------------------------------------------------------
// Request client → server: drop the index and index the workspace again (the restart / reindex command).

export const ReindexRequest = 'quoteLens/reindex';
export type ReindexResult = IndexStatusParams;

// ---------------------------------------------------------------------------------------------------
// Settings (section `quoteLens` of workspace/configuration, or `initializationOptions`).

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface QuoteLensSettings {
  /** Glob patterns of files to index, relative to each workspace folder. */
  include: string[];
  /** Glob patterns of files and folders to leave out. */
  exclude: string[];
  /** Files larger than this (in megabytes) are skipped. */
  maxFileSizeMB: number;
  /** Delay after the last keystroke before an edited file is re-analysed (ms). */
  debounceMs: number;
  codeLens: { enabled: boolean };
  severity: {
    duplicate: SeveritySetting;
    excerpt: SeveritySetting;
    variant: SeveritySetting;
    conflict: SeveritySetting;
    factConflict: SeveritySetting;
    wrongConversion: SeveritySetting;
  };
}

export const DEFAULT_SETTINGS: QuoteLensSettings = {
  include: ['**/*.txt'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  maxFileSizeMB: 5,
  debounceMs: 300,
  codeLens: { enabled: true },
  severity: {
    duplicate: 'hint',
    excerpt: 'hint',
    variant: 'information',
    conflict: 'warning',
    factConflict: 'warning',
    wrongConversion: 'warning',
  },
};

/** `initializationOptions` the server understands (all optional). */
export interface QuoteLensInitializationOptions {
  /** Settings, as `{ quoteLens: {...} }` or flat; used when the client has no workspace/configuration. */
  quoteLens?: Partial<QuoteLensSettings>;
  settings?: Partial<QuoteLensSettings>;
  /** The client sends didChangeWatchedFiles for `**\/*.txt` itself (the VS Code client does). */
  clientWatchesFiles?: boolean;
  /**
   * The client implements Quote Lens's client-side commands (`ClientCommands`: peek, open, annotate with
   * UI), as the VS Code extension does. Other editors get plain file links in hovers and code actions
   * that run on the server (`ServerCommands`).
   */
  clientCommands?: boolean;
  /**
   * False in an untrusted workspace: the server analyses but writes no annotations until a
   * `quoteLens/workspaceTrust` notification says otherwise. Absent means trusted (editors without trust).
   */
  workspaceTrusted?: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Editor features (issue 5).

/**
 * Semantic token legend, declared once: the server encodes with these indexes and package.json
 * (`semanticTokenTypes`, `semanticTokenScopes`) gives the custom types a fallback colour.
 */
export const SemanticTokenTypes = ['speaker', 'quotation', 'speechCue'] as const;
export const SemanticTokenModifiers = ['pronoun', 'nominal', 'unmarked', 'verified', 'disputed'] as const;

/** Commands of the VS Code client that the server puts in lenses, hovers and code actions. */
export const ClientCommands = {
  /** Args: [uri, position, locations]: opens the peek view on the locations. */
  peekMatches: 'quoteLens.peekMatches',
  /** Args: [uri, range]: opens a file at a range. */
  openLocation: 'quoteLens.openLocation',
  /** Args: [AnnotateParams]: sends `quoteLens/annotate`. */
  annotate: 'quoteLens.annotate',
  /** Args: [{ uri, position }]: asks for a note, then annotates. */
  addNote: 'quoteLens.addNote',
  /**
   * Args: [CompareParams?]: opens the diff editor on the quotation and another place of the statement
   * (a quick pick when there are several and `other` is not given). Without arguments: the cursor's quotation.
   */
  compare: 'quoteLens.compare',
} as const;

export interface ProtocolPosition {
  line: number;
  character: number;
}

export interface ProtocolLocation {
  uri: string;
  range: ProtocolRange;
}

/** Notification client → server: the workspace's trust changed (VS Code: trust was granted). */
export const WorkspaceTrustNotification = 'quoteLens/workspaceTrust';
export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** Request client → server: record a verdict on the quotation at a position (in the client's text). */
export const AnnotateRequest = 'quoteLens/annotate';
export type AnnotateAction =
  | 'verify'
  | 'dispute'
  | 'clearStatus'
  | 'setNote'
  | 'ignoreMatch'
  | 'ignoreAllMatches'
  | 'unignore'
  | 'clear';

export interface AnnotateParams {
  uri: string;
  position: ProtocolPosition;
  action: AnnotateAction;
  /** setNote: the note (empty removes it). */
  note?: string;
  /** ignoreMatch: the other quotation of the match. */
  other?: { uri: string; position: ProtocolPosition };
}

export interface AnnotationInfo {
  file: string;
  speaker: string | null;
  quote: string;
  status?: 'verified' | 'disputed';
  note?: string;
  ignoreAllMatches?: boolean;
  ignoredMatches?: Array<{ file: string; speaker: string | null; quote: string }>;
  updated?: string;
}

export interface AnnotateResult {
  /** The annotation as written (null: removed). */
  annotation: AnnotationInfo | null;
  /** The annotations file written. */
  file: string;
}

/** Request client → server: the next / previous matching quote from a position. */
export const NavigateRequest = 'quoteLens/navigate';
export interface NavigateParams {
  uri: string;
  position: ProtocolPosition;
  direction: 'next' | 'previous';
}
/**
 * On a quotation with matches: the next place of the same statement (across files, wrapping). Elsewhere:
 * the next quotation with matches in this file. Null when there is none.
 */
export type NavigateResult = null | {
  uri: string;
  range: ProtocolRange;
  /** 1-based place in the cycle, and its length. */
  index: number;
  total: number;
  label: string;
};

/** Request client → server: the Quotes tree (speaker → statement → places), matched statements only. */
export const StatementsRequest = 'quoteLens/statements';
export interface StatementPlace extends ProtocolLocation {
  label: string;
  text: string;
  kind: string;
  /** The worst relation of this place to the others. */
  relation: string;
  annotation?: AnnotationInfo;
}
export interface StatementInfo {
  groupId: string;
  text: string;
  counts: Record<string, number>;
  places: StatementPlace[];
}
export interface SpeakerStatements {
  speaker: string;
  statements: StatementInfo[];
}
export interface StatementsResult {
  speakers: SpeakerStatements[];
}

/** Request client → server: every conflict in the workspace (quotation pairs and fact conflicts). */
export const ConflictsRequest = 'quoteLens/conflicts';
export interface ConflictItem {
  kind: 'quote' | 'fact' | 'conversion';
  speaker: string | null;
  detail: string;
  a: StatementPlace;
  b: StatementPlace | null;
}
export interface ConflictsResult {
  items: ConflictItem[];
}

/** Commands the server itself executes (`workspace/executeCommand`), for editors without Quote Lens's client. */
export const ServerCommands = {
  /** Arguments: one `AnnotateParams`. */
  annotate: 'quoteLens.server.annotate',
} as const;

// ---------------------------------------------------------------------------------------------------
// Newsroom workflow (issue 7): compare two places side by side, and the statement matrix.

/** Request client → server: a quotation and the other places of its statement, as texts for a diff. */
export const CompareRequest = 'quoteLens/compare';
export interface CompareParams {
  uri: string;
  position: ProtocolPosition;
  /** Only this other place (a position inside it); absent: every other place. */
  other?: { uri: string; position: ProtocolPosition };
}
export interface CompareSide extends ProtocolLocation {
  /** "Reuters file 002". */
  label: string;
  /** 1-based line of the quotation. */
  line: number;
  speaker: string | null;
  kind: string;
  /** The quotation's words as the file has them. */
  text: string;
  /** The paragraph around the quotation (the lines of the quotation when the file has no paragraph breaks). */
  paragraph: string;
  /** The read-only document shown in the diff: the quotation, a blank line, the paragraph. */
  content: string;
  /** For another place: its relation to the quotation (duplicate, excerpt, variant, conflict) and why. */
  relation?: string;
  subtype?: string;
  detail?: string;
}
/** Null when there is no quotation at the position. `others` is empty when nothing else quotes it. */
export type CompareResult = null | { self: CompareSide; others: CompareSide[] };

/** Request client → server: the statement matrix of the workspace or of one folder. */
export const MatrixRequest = 'quoteLens/matrix';
export interface MatrixParams {
  /** A folder (file URI): only its files are columns, and only statements matched within it are rows. */
  folderUri?: string | null;
}
/** How a file carries a row's statement, relative to the row's reference wording. */
export type MatrixStatus = 'reference' | 'duplicate' | 'excerpt' | 'variant' | 'conflict' | 'absent';
export const MATRIX_STATUSES: readonly MatrixStatus[] = ['reference', 'duplicate', 'excerpt', 'variant', 'conflict', 'absent'];
export interface MatrixPlace extends ProtocolLocation {
  /** 1-based line. */
  line: number;
  text: string;
  /** This place's relation to the reference ('reference' for the reference itself). */
  status: MatrixStatus;
  detail: string;
}
export interface MatrixCell {
  status: MatrixStatus;
  /** The file's places of the statement, the one closest to the reference first (empty: absent). */
  places: MatrixPlace[];
}
export interface MatrixColumn {
  uri: string;
  /** "Reuters file 002". */
  label: string;
  /** Path relative to the scope folder (or the file name). */
  name: string;
}
export interface MatrixRow {
  /** Match group id, or `fact:<…>` for figures that disagree. */
  id: string;
  /** `quote`: a matched quotation; `figures`: a statement whose figures disagree with another file's. */
  kind: 'quote' | 'figures';
  speaker: string | null;
  /** The reference wording, shortened. */
  text: string;
  /** Index of the column holding the reference wording. */
  reference: number;
  /** One per column. */
  cells: MatrixCell[];
}
export interface MatrixModel {
  scope: { uri: string | null; name: string };
  columns: MatrixColumn[];
  rows: MatrixRow[];
  /** Indexed files in the scope carrying no matched statement (not shown as columns). */
  filesWithoutMatches: number;
  /** Rows left out past the limit. */
  omittedRows: number;
}
