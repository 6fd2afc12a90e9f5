/**
 * The client's commands: thin wrappers that turn the server's JSON (locations, annotate parameters) into
 * VS Code calls. Each returns what it did, so tests can check it without reading the screen.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AnnotateRequest, ClientCommands, NavigateRequest } from '../../server/src/protocol';
import type { AnnotateAction, AnnotateParams, AnnotateResult, NavigateResult, ProtocolLocation, ProtocolPosition, ProtocolRange } from '../../server/src/protocol';

const toPosition = (p: ProtocolPosition) => new vscode.Position(p.line, p.character);
const toRange = (r: ProtocolRange) => new vscode.Range(toPosition(r.start), toPosition(r.end));
const toLocation = (l: ProtocolLocation) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range));

export function registerCommands(getClient: () => LanguageClient | undefined): vscode.Disposable[] {
  const running = (): LanguageClient => {
    const c = getClient();
    if (!c?.isRunning()) throw new Error('The Quote Lens server is not running.');
    return c;
  };

  async function annotate(params: AnnotateParams): Promise<AnnotateResult | undefined> {
    try {
      return await running().sendRequest<AnnotateResult>(AnnotateRequest, params);
    } catch (err) {
      void vscode.window.showErrorMessage(`Quote Lens: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /** The quotation under the cursor, as annotate parameters. */
  function here(action: AnnotateAction): AnnotateParams | undefined {
    const e = vscode.window.activeTextEditor;
    if (!e) return undefined;
    const p = e.selection.active;
    return { uri: e.document.uri.toString(), position: { line: p.line, character: p.character }, action };
  }

  async function navigate(direction: 'next' | 'previous'): Promise<NavigateResult> {
    const e = vscode.window.activeTextEditor;
    if (!e) return null;
    const p = e.selection.active;
    const r = await running().sendRequest<NavigateResult>(NavigateRequest, {
      uri: e.document.uri.toString(),
      position: { line: p.line, character: p.character },
      direction,
    });
    if (!r) {
      vscode.window.setStatusBarMessage('Quote Lens: no matching quote', 3000);
      return null;
    }
    const range = toRange(r.range);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(r.uri));
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(range.start, range.start), preserveFocus: false });
    vscode.window.setStatusBarMessage(`Quote Lens: ${r.index} of ${r.total} · ${r.label}`, 4000);
    return r;
  }

  return [
    vscode.commands.registerCommand(ClientCommands.peekMatches, async (uri: string, position: ProtocolPosition, locations: ProtocolLocation[]) => {
      const locs = locations.map(toLocation);
      await vscode.commands.executeCommand('editor.action.peekLocations', vscode.Uri.parse(uri), toPosition(position), locs, 'peek');
      return locs;
    }),
    vscode.commands.registerCommand(ClientCommands.openLocation, async (uri: string, range: ProtocolRange) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      return vscode.window.showTextDocument(doc, { selection: toRange(range) });
    }),
    vscode.commands.registerCommand(ClientCommands.annotate, (params: AnnotateParams) => annotate(params)),
    vscode.commands.registerCommand(ClientCommands.addNote, async (at?: { uri: string; position: ProtocolPosition }, note?: string) => {
      const base = at ?? here('setNote');
      if (!base) return undefined;
      const text =
        note ??
        (await vscode.window.showInputBox({
          title: 'Quote Lens: note on this quotation',
          prompt: 'Saved in .quotelens/annotations.json; leave empty to remove the note.',
          placeHolder: 'e.g. Checked against the ministry statement',
        }));
      if (text === undefined) return undefined;
      return annotate({ uri: base.uri, position: base.position, action: 'setNote', note: text });
    }),
    vscode.commands.registerCommand('quoteLens.markVerified', () => {
      const p = here('verify');
      return p && annotate(p);
    }),
    vscode.commands.registerCommand('quoteLens.markDisputed', () => {
      const p = here('dispute');
      return p && annotate(p);
    }),
    vscode.commands.registerCommand('quoteLens.ignoreAllMatches', () => {
      const p = here('ignoreAllMatches');
      return p && annotate(p);
    }),
    vscode.commands.registerCommand('quoteLens.clearAnnotation', () => {
      const p = here('clear');
      return p && annotate(p);
    }),
    vscode.commands.registerCommand('quoteLens.nextMatch', () => navigate('next')),
    vscode.commands.registerCommand('quoteLens.previousMatch', () => navigate('previous')),
  ];
}
