// The statement matrix in a real workbench, driven through its UI (issue 7): the extension under
// development loads in code-server, "Quote Lens: Show Statement Matrix" runs from the command palette, the
// webview draws the seed rows, a screenshot is kept (.test-artifacts/matrix.png; copied to docs/matrix.png
// when that is missing or when QUOTE_LENS_UPDATE_SCREENSHOT=1), and clicking a cell opens the quote.
//
// Run: npm run build && node --import tsx --test test/vscode/ui/matrix.test.ts
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Session, launchBrowser, remoteUri, startCodeServer, workbenchUrl, writeUserSettings } from '../../../scripts/vscode/codeServer.ts';
import type { CodeServer, PwLocator, PwPage } from '../../../scripts/vscode/codeServer.ts';
import { ROOT, ensureTools } from '../../../scripts/vscode/tools.ts';

const ARTIFACTS = path.join(ROOT, '.test-artifacts');
const UI_TIMEOUT = 60_000;

/** Playwright's frame locators (not in the runner's structural subset of the page API). */
interface FramePage {
  frameLocator(selector: string): { frameLocator(selector: string): { locator(selector: string): PwLocator } };
}

describe('statement matrix webview in code-server', { timeout: 10 * 60_000 }, () => {
  let session: Session;
  let cs: CodeServer;
  let page: PwPage;
  let workspace: string;

  before(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'client.js')), 'run `npm run build` first');
    const tools = ensureTools();
    session = new Session('quote-lens-matrix-');
    workspace = session.dir('workspace');
    fs.cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
    const userDataDir = session.dir('user-data');
    cs = await startCodeServer(tools, session, { userDataDir });
    writeUserSettings(userDataDir, { 'editor.wordWrap': 'on', 'editor.minimap.enabled': false, 'workbench.startupEditor': 'none' });
    const browser = await launchBrowser(tools, session);
    page = await browser.newPage();
    await page.goto(workbenchUrl(cs, workspace, [['extensionDevelopmentPath', remoteUri(cs, ROOT)]]), { waitUntil: 'domcontentloaded', timeout: UI_TIMEOUT });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    // The status item appears once the server indexed the five samples.
    await page.locator('.statusbar-item').locator('text=/5 files · \\d+ quotes/').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  });

  after(async () => {
    await session?.dispose();
  });

  const frame = () => (page as unknown as FramePage).frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  test('"Show Statement Matrix" from the command palette draws the seed rows with labels; a screenshot is kept', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.type('Quote Lens: Show Statement Matrix');
    await page.locator('.quick-input-list .monaco-list-row[aria-label*="Show Statement Matrix"]').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.press('Enter');
    const table = frame().locator('table');
    await table.locator('button.cell').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    const headers = await frame().locator('thead th').allInnerTexts();
    assert.ok(headers.some((h) => h.startsWith('Reuters file 000')), JSON.stringify(headers));
    const rows = await frame().locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 5, JSON.stringify(rows));
    // M2 first: Konashenkov's warning, carried by all five files.
    assert.match(rows[0], /Igor Konashenkov/);
    assert.match(rows[0].replace(/\s+/g, ' '), /reference variant duplicate variant variant/);
    const legend = await frame().locator('#legend').innerText();
    for (const l of ['reference', 'duplicate', 'excerpt', 'variant', 'conflict', 'absent']) assert.match(legend, new RegExp(l));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'matrix.png');
    await page.screenshot({ path: shot });
    assert.ok(fs.statSync(shot).size > 10_000, 'a real picture');
    const docShot = path.join(ROOT, 'docs', 'matrix.png');
    if (!fs.existsSync(docShot) || process.env.QUOTE_LENS_UPDATE_SCREENSHOT === '1') fs.copyFileSync(shot, docShot);
    process.stdout.write(`# screenshot: ${path.relative(ROOT, shot)}\n`);
  });

  test('clicking a cell opens the quote in an editor', async () => {
    // Row M2, column 001: AP's "The firing positions … destroyed …".
    await frame().locator('tbody tr').first().locator('button.cell').nth(1).click({ timeout: UI_TIMEOUT });
    // The file opens beside the matrix (the editor draws spaces as no-break spaces: hence \s+).
    await page.locator('.tabs-container .tab[aria-label*="001_82c97ecf1f039aa3.txt"]').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.locator('.editor-instance .monaco-editor .view-lines').locator('text=/firing\\s+positions\\s+in\\s+those\\s+areas/').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  });
});
