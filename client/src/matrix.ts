/**
 * The statement matrix (issue 7): a webview with one row per matched statement and one column per file,
 * each cell saying — in colour and in words — how the file carries the statement (the reference wording,
 * duplicate, excerpt, variant, conflict, absent). Clicking a cell opens the quote.
 *
 * The model comes from the server (`quoteLens/matrix`); the webview only draws it. It follows the editor
 * theme (`--vscode-*` variables), runs one nonce'd inline script under a strict Content Security Policy,
 * loads no resources at all (`localResourceRoots: []`), and is re-requested when the server reports a new
 * index status while the panel is visible (or when it becomes visible again after a change).
 *
 * `quoteLens.matrix.currentModel` returns the last model posted and what the webview reported it drew
 * (read back from its DOM): for tests and automation.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MatrixRequest } from '../../server/src/protocol';
import type { MatrixModel, MatrixParams, MatrixPlace } from '../../server/src/protocol';

export const MATRIX_VIEW_TYPE = 'quoteLens.matrix';

/** What the webview reports after drawing a model: the text of its header and cells. */
export interface RenderedMatrix {
  version: number;
  scope: string;
  columns: string[];
  rows: Array<{ id: string; speaker: string; text: string; cells: string[] }>;
  legend: string[];
}

export interface MatrixState {
  scope: MatrixParams;
  /** The panel is open and visible. */
  visible: boolean;
  version: number;
  model: MatrixModel | undefined;
  rendered: RenderedMatrix | undefined;
}

type FromWebview =
  | { type: 'ready' }
  | { type: 'rendered'; summary: RenderedMatrix }
  | { type: 'open'; row: number; column: number; place?: number };

export class MatrixPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private scope: MatrixParams = { folderUri: null };
  private model: MatrixModel | undefined;
  private rendered: RenderedMatrix | undefined;
  private version = 0;
  private stale = false;
  private loading: Promise<void> | undefined;
  private again = false;
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedMatrix>();
  /** Fires when the webview has drawn a model. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.renderedEmitter];

  constructor(private readonly getClient: () => LanguageClient | undefined) {}

  /** Opens (or reveals) the panel on the workspace, or on a folder. */
  async show(folder?: vscode.Uri): Promise<MatrixState> {
    this.scope = { folderUri: folder ? folder.toString() : null };
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        MATRIX_VIEW_TYPE,
        'Statement Matrix',
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false, enableFindWidget: true },
      );
      const p = this.panel;
      this.disposables.push(
        p.onDidDispose(() => {
          this.panel = undefined;
          this.rendered = undefined;
        }),
        p.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)),
        p.onDidChangeViewState((e) => {
          if (e.webviewPanel.visible && this.stale) void this.refresh();
        }),
      );
      p.webview.html = html(crypto.randomBytes(18).toString('base64'));
    } else {
      this.panel.reveal(undefined, false);
    }
    this.panel.title = folder ? `Statement Matrix: ${vscode.workspace.asRelativePath(folder, false)}` : 'Statement Matrix';
    await this.refresh();
    return this.state();
  }

  state(): MatrixState {
    return { scope: this.scope, visible: this.panel?.visible ?? false, version: this.version, model: this.model, rendered: this.rendered };
  }

  /** The index changed: reload now when visible, else when the panel is next shown. */
  indexChanged(): void {
    if (!this.panel) return;
    if (this.panel.visible) void this.refresh();
    else this.stale = true;
  }

  /** Requests the model and posts it to the webview (one request at a time; a change meanwhile reloads once more). */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        this.stale = false;
        const client = this.getClient();
        if (!client?.isRunning() || !this.panel) return;
        try {
          this.model = await client.sendRequest<MatrixModel>(MatrixRequest, this.scope);
          this.version++;
          this.post();
        } catch (err) {
          void vscode.window.showErrorMessage(`Quote Lens: the statement matrix could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
          return;
        }
      } while (this.again);
    })().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private post(): void {
    if (this.panel && this.model) void this.panel.webview.postMessage({ type: 'model', version: this.version, model: this.model });
  }

  private async onMessage(m: FromWebview): Promise<void> {
    if (m.type === 'ready') this.post();
    else if (m.type === 'rendered') {
      this.rendered = m.summary;
      this.renderedEmitter.fire(m.summary);
    } else if (m.type === 'open') {
      const place = this.model?.rows[m.row]?.cells[m.column]?.places[m.place ?? 0];
      if (place) await openPlace(place);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export async function openPlace(place: MatrixPlace): Promise<vscode.TextEditor> {
  const r = place.range;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(place.uri));
  return vscode.window.showTextDocument(doc, {
    viewColumn: vscode.ViewColumn.Beside,
    selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
    preview: true,
  });
}

export function registerMatrix(getClient: () => LanguageClient | undefined): { panel: MatrixPanel; disposables: vscode.Disposable[] } {
  const panel = new MatrixPanel(getClient);
  return {
    panel,
    disposables: [
      panel,
      vscode.commands.registerCommand('quoteLens.showMatrix', (folder?: vscode.Uri) => panel.show(folder instanceof vscode.Uri ? folder : undefined)),
      // For tests and automation: the last model posted to the webview and what it drew.
      vscode.commands.registerCommand('quoteLens.matrix.currentModel', () => panel.state()),
    ],
  };
}

/** The webview's page: no resources, one nonce'd style and script. Data arrives by message and is drawn with textContent. */
function html(nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'none'; font-src 'none'; connect-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Statement Matrix</title>
<style nonce="${nonce}">
  :root {
    --ql-reference: var(--vscode-charts-purple, #b180d7);
    --ql-duplicate: var(--vscode-charts-green, #89d185);
    --ql-excerpt: var(--vscode-charts-blue, #3794ff);
    --ql-variant: var(--vscode-charts-yellow, #cca700);
    --ql-conflict: var(--vscode-charts-red, #f14c4c);
    --ql-absent: var(--vscode-disabledForeground, #888);
  }
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
  h1 { font-size: 1.3em; font-weight: 600; margin: 12px 0 2px; }
  #scope { color: var(--vscode-descriptionForeground); margin: 0 0 8px; }
  #legend { display: flex; flex-wrap: wrap; gap: 6px 16px; list-style: none; padding: 0; margin: 0 0 12px; }
  #legend li { display: flex; align-items: center; gap: 6px; }
  #legend .desc { color: var(--vscode-descriptionForeground); }
  .swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; background: var(--ql-c); border: 1px solid var(--ql-c); flex: none; }
  .s-absent .swatch { background: transparent; border-style: dashed; }
  .s-reference { --ql-c: var(--ql-reference); }
  .s-duplicate { --ql-c: var(--ql-duplicate); }
  .s-excerpt { --ql-c: var(--ql-excerpt); }
  .s-variant { --ql-c: var(--ql-variant); }
  .s-conflict { --ql-c: var(--ql-conflict); }
  .s-absent { --ql-c: var(--ql-absent); }
  .wrap { overflow: auto; max-height: calc(100vh - 140px); border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
  table { border-collapse: collapse; min-width: 100%; }
  th, td { border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, rgba(128,128,128,.3))); padding: 4px 6px; text-align: left; vertical-align: top; }
  thead th { position: sticky; top: 0; background: var(--vscode-editor-background); z-index: 1; font-weight: 600; white-space: nowrap; }
  thead th .name { display: block; font-weight: normal; color: var(--vscode-descriptionForeground); font-size: 0.85em; }
  th.statement { position: sticky; left: 0; background: var(--vscode-editor-background); font-weight: normal; min-width: 18em; max-width: 34em; }
  thead th.statement { z-index: 2; font-weight: 600; }
  .speaker { font-weight: 600; display: block; }
  .text { color: var(--vscode-descriptionForeground); }
  td { min-width: 7.5em; }
  button.cell { all: unset; box-sizing: border-box; cursor: pointer; display: flex; align-items: center; gap: 6px; width: 100%; padding: 3px 6px; border-radius: 3px; border-left: 4px solid var(--ql-c); background: color-mix(in srgb, var(--ql-c) 18%, transparent); color: var(--vscode-foreground); }
  button.cell:hover { background: color-mix(in srgb, var(--ql-c) 30%, transparent); }
  button.cell:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
  .cell.s-absent { display: flex; align-items: center; gap: 6px; padding: 3px 6px; color: var(--ql-absent); }
  .more { color: var(--vscode-descriptionForeground); font-size: 0.85em; }
  .empty, .note { color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<h1>Statement matrix</h1>
<p id="scope">Loading…</p>
<ul id="legend" aria-label="Legend"></ul>
<div class="wrap" id="matrix"></div>
<p class="note" id="note"></p>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const LEGEND = [
    ['reference', 'reference', 'the wording the row compares with'],
    ['duplicate', 'duplicate', 'the same words'],
    ['excerpt', 'excerpt', 'part of it, or the whole of a part'],
    ['variant', 'variant', 'the same statement in other words'],
    ['conflict', 'conflict', 'facts that disagree'],
    ['absent', 'absent', 'not in this file'],
  ];
  const LABEL = Object.fromEntries(LEGEND.map((l) => [l[0], l[1]]));
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  const legend = document.getElementById('legend');
  for (const [status, label, desc] of LEGEND) {
    const li = el('li', 's-' + status);
    li.append(el('span', 'swatch'), el('span', 'label', label), el('span', 'desc', '— ' + desc));
    legend.append(li);
  }
  function draw(model, version) {
    const scope = (model.scope.uri ? 'Folder: ' : 'Workspace: ') + model.scope.name;
    document.getElementById('scope').textContent = scope + ' · ' + model.rows.length + ' statements · ' + model.columns.length + ' files';
    const host = document.getElementById('matrix');
    host.replaceChildren();
    if (!model.rows.length) {
      host.append(el('p', 'empty', 'No statement is quoted in more than one place here yet.'));
    } else {
      const table = el('table');
      table.setAttribute('aria-label', 'Statement matrix');
      const head = el('tr');
      const corner = el('th', 'statement', 'Statement');
      corner.scope = 'col';
      head.append(corner);
      for (const c of model.columns) {
        const th = el('th', undefined, c.label);
        th.scope = 'col';
        th.title = c.name;
        th.append(el('span', 'name', c.name));
        head.append(th);
      }
      const thead = el('thead');
      thead.append(head);
      const tbody = el('tbody');
      model.rows.forEach((row, r) => {
        const tr = el('tr');
        tr.dataset.id = row.id;
        const th = el('th', 'statement');
        th.scope = 'row';
        th.append(el('span', 'speaker', row.speaker || (row.kind === 'figures' ? 'Figures' : 'No speaker')), el('span', 'text', '“' + row.text + '”'));
        tr.append(th);
        row.cells.forEach((cell, c) => {
          const td = el('td');
          const label = LABEL[cell.status] || cell.status;
          if (!cell.places.length) {
            const span = el('span', 'cell s-absent');
            span.append(el('span', 'swatch'), el('span', 'label', label));
            td.append(span);
          } else {
            const b = el('button', 'cell s-' + cell.status);
            const p = cell.places[0];
            b.title = label + ' — ' + model.columns[c].label + ', line ' + p.line + (p.detail ? ': ' + p.detail : '') + '\\n“' + p.text + '”';
            b.setAttribute('aria-label', label + ' in ' + model.columns[c].label + ', line ' + p.line + '. Open the quote.');
            b.append(el('span', 'swatch'), el('span', 'label', label));
            if (cell.places.length > 1) b.append(el('span', 'more', '+' + (cell.places.length - 1)));
            b.addEventListener('click', () => vscode.postMessage({ type: 'open', row: r, column: c, place: 0 }));
            td.append(b);
          }
          tr.append(td);
        });
        tbody.append(tr);
      });
      table.append(thead, tbody);
      host.append(table);
    }
    const notes = [];
    if (model.filesWithoutMatches) notes.push(model.filesWithoutMatches + ' other files carry no matched statement.');
    if (model.omittedRows) notes.push(model.omittedRows + ' more statements not shown.');
    document.getElementById('note').textContent = notes.join(' ');
    // Report what was drawn, read back from the page (tests and automation).
    const rows = [...host.querySelectorAll('tbody tr')].map((tr) => ({
      id: tr.dataset.id,
      speaker: tr.querySelector('.speaker').textContent,
      text: tr.querySelector('.text').textContent,
      cells: [...tr.querySelectorAll('td .label')].map((l) => l.textContent),
    }));
    vscode.postMessage({
      type: 'rendered',
      summary: {
        version,
        scope: document.getElementById('scope').textContent,
        columns: [...host.querySelectorAll('thead th:not(.statement)')].map((th) => th.firstChild.textContent),
        rows,
        legend: [...legend.querySelectorAll('.label')].map((l) => l.textContent),
      },
    });
  }
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m && m.type === 'model') draw(m.model, m.version);
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
