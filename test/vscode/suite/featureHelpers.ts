// Helpers of the editor-feature tests (issue 5): positions found in the sample text, hover text, and
// putting a sample back as it was on disk after a test edited it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { positionAt, sampleUri, waitFor, workspaceDir } from './helpers';

/** Position `delta` characters into the first occurrence of `needle` in a sample (by prefix "000"…). */
export function positionIn(prefix: string, needle: string, delta = 0, text?: string): vscode.Position {
  const t = text ?? fs.readFileSync(sampleUri(prefix).fsPath, 'utf8');
  const at = t.indexOf(needle);
  if (at < 0) throw new Error(`'${needle}' is not in sample ${prefix}`);
  return positionAt(t, at + delta);
}

export function hoverMarkdown(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}

export function hoverAt(uri: vscode.Uri, pos: vscode.Position): Thenable<vscode.Hover[]> {
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
}

export function annotationsFile(): string {
  return path.join(workspaceDir(), '.quotelens', 'annotations.json');
}

/** Waits for the annotations file to hold an entry that `accept` takes. */
export function waitForAnnotation(accept: (a: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>> {
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(workspaceDir(), '.quotelens/*.json'));
  return waitFor(
    () => {
      try {
        const data = JSON.parse(fs.readFileSync(annotationsFile(), 'utf8')) as { annotations: Array<Record<string, unknown>> };
        return data.annotations.find(accept);
      } catch {
        return undefined;
      }
    },
    [watcher.onDidCreate as vscode.Event<unknown>, watcher.onDidChange as vscode.Event<unknown>],
    () => `${what} in ${annotationsFile()}`,
  ).finally(() => watcher.dispose());
}

/** Puts an edited sample back as it is on disk (revert), leaving no dirty editor behind. */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
