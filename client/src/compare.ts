/**
 * "Compare with …" (issue 7): opens VS Code's diff editor on two places of a statement. The server supplies
 * both texts (`quoteLens/compare`: the quotation, a blank line, its paragraph); the client only shows them
 * as read-only virtual documents of the `quotelens-compare:` scheme and titles the diff by file.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClientCommands, CompareRequest } from '../../server/src/protocol';
import type { CompareParams, CompareResult, CompareSide } from '../../server/src/protocol';

export const COMPARE_SCHEME = 'quotelens-compare';
/** Contents kept for reopened tabs; older comparisons are dropped. */
const MAX_KEPT = 100;

/** What the command did (for tests and automation). */
export interface CompareOutcome {
  title: string;
  original: string;
  modified: string;
  self: CompareSide;
  other: CompareSide;
}

class CompareContents implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private n = 0;

  add(side: CompareSide): vscode.Uri {
    // One URI per comparison: its content never changes, so VS Code's cached document stays right.
    const name = `${side.label}, line ${side.line}.txt`.replace(/[/\\]/g, '_');
    const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${++this.n}/${name}`, query: new URLSearchParams({ source: side.uri }).toString() });
    this.texts.set(uri.toString(), side.content);
    if (this.texts.size > MAX_KEPT) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This comparison is no longer available: run “Quote Lens: Compare with Another Place…” again.\n';
  }
}

function relationText(s: CompareSide): string {
  return `${s.relation ?? ''}${s.subtype ? ` (${s.subtype})` : ''}`;
}

function short(t: string, max = 100): string {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function registerCompare(getClient: () => LanguageClient | undefined): vscode.Disposable[] {
  const contents = new CompareContents();

  async function run(params?: CompareParams): Promise<CompareOutcome | undefined> {
    const client = getClient();
    if (!client?.isRunning()) throw new Error('The Quote Lens server is not running.');
    if (!params) {
      const e = vscode.window.activeTextEditor;
      if (!e) return undefined;
      const p = e.selection.active;
      params = { uri: e.document.uri.toString(), position: { line: p.line, character: p.character } };
    }
    const res = await client.sendRequest<CompareResult>(CompareRequest, params);
    if (!res) {
      vscode.window.setStatusBarMessage('Quote Lens: no quotation here to compare', 4000);
      return undefined;
    }
    if (!res.others.length) {
      void vscode.window.showInformationMessage('Quote Lens: no other place quotes this statement.');
      return undefined;
    }
    let other = res.others[0];
    if (res.others.length > 1) {
      const picked = await vscode.window.showQuickPick(
        res.others.map((o) => ({
          label: `$(diff) ${o.label}, line ${o.line}`,
          description: relationText(o),
          detail: `“${short(o.text)}”${o.detail ? ` — ${o.detail}` : ''}`,
          side: o,
        })),
        { title: `Compare “${short(res.self.text, 60)}” with…`, placeHolder: 'Another place of this statement', matchOnDescription: true, matchOnDetail: true },
      );
      if (!picked) return undefined;
      other = picked.side;
    }
    const original = contents.add(res.self);
    const modified = contents.add(other);
    const name = (s: CompareSide) => (res.self.label === other.label ? `${s.label}, line ${s.line}` : s.label);
    const title = `${name(res.self)} ↔ ${name(other)}`;
    await vscode.commands.executeCommand('vscode.diff', original, modified, title, { preview: true });
    return { title, original: original.toString(), modified: modified.toString(), self: res.self, other };
  }

  return [
    vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, contents),
    vscode.commands.registerCommand(ClientCommands.compare, async (params?: CompareParams) => {
      try {
        return await run(params);
      } catch (err) {
        void vscode.window.showErrorMessage(`Quote Lens: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    }),
  ];
}
