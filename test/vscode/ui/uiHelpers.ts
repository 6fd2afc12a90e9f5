// Small helpers shared by the UI scenarios in test/vscode/ui/ (workbench driven from outside with
// playwright-core): the cursor position of a text, Quick Open, Go to Line, the command palette, waiting for
// a condition on disk, the lens drawn above a given line, and the language server processes of a session.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { PwLocator, PwPage } from '../../../scripts/vscode/codeServer.ts';
import { markedPids } from '../../../scripts/vscode/codeServer.ts';

export const UI_TIMEOUT = 60_000;

/** The parts of playwright's page API beyond the runner's structural subset (PwPage). */
export interface PwPageExtra {
  reload(opts?: { waitUntil?: 'load' | 'domcontentloaded' | 'commit'; timeout?: number }): Promise<unknown>;
  waitForEvent(event: 'load' | 'domcontentloaded', opts?: { timeout?: number }): Promise<unknown>;
}
export type UiPage = PwPage & PwPageExtra;

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function lineCol(text: string, needle: string): { line: number; col: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `'${needle}' not in the text`);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, col: at - before.lastIndexOf('\n') };
}

/** The active editor's text area. */
export function editorLines(page: PwPage): PwLocator {
  return page.locator('.editor-instance .monaco-editor .view-lines');
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab to be active and a text to show. */
export async function quickOpen(page: PwPage, file: string, shows: string, timeout = UI_TIMEOUT): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout });
  await page.keyboard.type(file);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${file}"]`).first().waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${file}"]`).first().waitFor({ state: 'visible', timeout });
  await editorLines(page).locator(`text=${shows}`).first().waitFor({ state: 'visible', timeout });
}

/** Moves the cursor of the active editor to a 1-based line and column with Go to Line (Ctrl+G). */
export async function goTo(page: PwPage, line: number, col: number, timeout = UI_TIMEOUT): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout });
  await page.keyboard.type(`${line}:${col}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ state: 'visible', timeout });
  // The status bar shows the cursor position once Go to Line has moved it.
  await page.locator('.statusbar-item').locator(`text=/Ln ${line}, Col ${col}\\b/`).first().waitFor({ state: 'visible', timeout });
}

/** Runs a command from the command palette (F1) by its full title, e.g. "Quote Lens: Reindex Workspace". */
export async function runCommand(page: PwPage, title: string, timeout = UI_TIMEOUT): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout });
  await page.keyboard.type(title);
  const label = title.replace(/"/g, '\\"');
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${label}"]`).first().waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout });
}

/** Polls `probe` (every 100 ms) until it returns a value, or fails after `timeout` with `what`. */
export async function waitUntil<T>(probe: () => T | undefined, what: () => string, timeout = UI_TIMEOUT): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Entries of a .quotelens/annotations.json file, or undefined when it is missing or unreadable. */
export function readAnnotations(file: string): Array<Record<string, unknown>> | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { annotations?: Array<Record<string, unknown>> };
    return Array.isArray(data.annotations) ? data.annotations : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Waits for a code lens whose text matches `title` to be drawn directly above 1-based `line` of the active
 * editor (the lens sits in a view zone right before the line; the line's number in the gutter gives its
 * position), and returns the lens text. The line must be in view (Go to Line reveals it).
 */
export async function lensAbove(page: PwPage, line: number, title: RegExp, timeout = UI_TIMEOUT): Promise<string> {
  const editor = page.locator('.editor-instance .monaco-editor');
  const lens = editor.locator('.codelens-decoration').locator(`text=${title.toString()}`).first();
  await lens.waitFor({ state: 'visible', timeout });
  const number = editor.locator('.margin-view-overlays .line-numbers').locator(`text=/^${line}$/`).first();
  await number.waitFor({ state: 'visible', timeout });
  const end = Date.now() + timeout;
  for (;;) {
    // Re-read both boxes: lenses are laid out asynchronously and the editor may still scroll.
    const [l, n] = await Promise.all([lens.boundingBox(), number.boundingBox()]);
    const ok = l && n && l.y < n.y && n.y - (l.y + l.height) < n.height;
    if (ok) break;
    if (Date.now() > end) {
      const all = await editor.locator('.codelens-decoration').allInnerTexts();
      throw new Error(`no lens matching ${title} right above line ${line} (lens box ${JSON.stringify(l)}, line box ${JSON.stringify(n)}; lenses: ${JSON.stringify(all)})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return lens.innerText();
}

/** Shows the hover at the cursor (Ctrl+K Ctrl+I) and waits for a text in it; returns the hover's text. */
export async function hoverAtCursor(page: PwPage, expected: RegExp, timeout = UI_TIMEOUT): Promise<string> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:not(.hidden)');
  await hover.locator(`text=${expected.toString()}`).first().waitFor({ state: 'visible', timeout });
  return hover.first().innerText();
}

/** Pids of the session's processes running this build's language server (dist/server.js under `root`). */
export function languageServerPids(sessionId: string, root: string): number[] {
  return markedPids(sessionId).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((a) => a.startsWith(root) && a.endsWith('/dist/server.js'));
    } catch {
      return false;
    }
  });
}
