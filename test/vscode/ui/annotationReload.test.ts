// An annotation survives a real reload of the window and an edit that moves the quote (issue 5), driven
// from outside the workbench: the extension under development loads in code-server on a temp copy of
// samples/, Konashenkov's "Fire points in those areas …" is marked verified from the command palette, the
// entry is read back from .quotelens/annotations.json, the window is reloaded ("Developer: Reload Window":
// a new page, a new extension host and a new language server), and the lens above the quotation and its hover
// still say verified; then two blank lines typed at the top of the file (and saved) move the quote down and
// its lens still says verified.
//
// (test/vscode/suite/editorFeatures.test.ts restarts the language server instead: a reload from inside the
// extension host would end that test run.)
//
// Run: npm run build && node --import tsx --test test/vscode/ui/annotationReload.test.ts
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Session, launchBrowser, remoteUri, startCodeServer, workbenchUrl, writeUserSettings } from '../../../scripts/vscode/codeServer.ts';
import type { CodeServer } from '../../../scripts/vscode/codeServer.ts';
import { ROOT, ensureTools } from '../../../scripts/vscode/tools.ts';
import {
  UI_TIMEOUT,
  editorLines,
  goTo,
  hoverAtCursor,
  languageServerPids,
  lensAbove,
  lineCol,
  quickOpen,
  readAnnotations,
  runCommand,
  waitUntil,
} from './uiHelpers.ts';
import type { UiPage } from './uiHelpers.ts';

const SEED = '000_2c6bdf8bfe82f281.txt';
const FIRE = 'Fire points in those areas will be immediately suppressed with all military means';
/** Its lens: the verdict, then the four other places (gold M2), three of them reworded. */
const VERIFIED_LENS = /✓ verified · 4 sources · 3 reworded/;

describe('an annotation survives a reload of the window and an edit that moves the quote (code-server)', { timeout: 12 * 60_000 }, () => {
  let session: Session;
  let cs: CodeServer;
  let page: UiPage;
  let workspace: string;
  let seedFile: string;
  let annotationsFile: string;
  let fire: { line: number; col: number };
  let serversBeforeReload: number[] = [];

  const statusItem = () => page.locator('.statusbar-item').locator('text=/5 files · \\d+ quotes/').first();
  const isFireEntry = (a: Record<string, unknown>) => a.file === SEED && a.speaker === 'Igor Konashenkov' && a.quote === `${FIRE}.`;

  before(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'client.js')), 'run `npm run build` first');
    const tools = ensureTools();
    session = new Session('quote-lens-reload-');
    workspace = session.dir('workspace');
    fs.cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
    seedFile = path.join(workspace, SEED);
    annotationsFile = path.join(workspace, '.quotelens', 'annotations.json');
    assert.ok(!fs.existsSync(annotationsFile), 'a fresh workspace has no annotations');
    fire = lineCol(fs.readFileSync(seedFile, 'utf8'), FIRE);
    const userDataDir = session.dir('user-data');
    cs = await startCodeServer(tools, session, { userDataDir });
    // No wrapping: one text line is one editor line, so the lens above a line is easy to find.
    writeUserSettings(userDataDir, { 'editor.wordWrap': 'off', 'editor.minimap.enabled': false, 'workbench.startupEditor': 'none' });
    const browser = await launchBrowser(tools, session);
    page = (await browser.newPage()) as UiPage;
    await page.goto(workbenchUrl(cs, workspace, [['extensionDevelopmentPath', remoteUri(cs, ROOT)]]), { waitUntil: 'domcontentloaded', timeout: UI_TIMEOUT });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    // The status item appears once the server indexed the five samples.
    await statusItem().waitFor({ state: 'visible', timeout: 2 * UI_TIMEOUT });
  });

  after(async () => {
    await session?.dispose();
  });

  test('"Mark Quotation as Verified" from the command palette writes a verified entry to .quotelens/annotations.json', async () => {
    await quickOpen(page, SEED, 'MOSCOW/WASHINGTON');
    await goTo(page, fire.line, fire.col + 3);
    await runCommand(page, 'Quote Lens: Mark Quotation as Verified');
    const entry = await waitUntil(
      () => readAnnotations(annotationsFile)?.find(isFireEntry),
      () => `a verified entry for Fire points in ${annotationsFile}: ${fs.existsSync(annotationsFile) ? fs.readFileSync(annotationsFile, 'utf8') : '(missing)'}`,
    );
    assert.equal(entry.status, 'verified', JSON.stringify(entry));
    assert.equal(readAnnotations(annotationsFile)!.length, 1, 'one entry');
    // The workbench shows it before the reload too.
    const title = await lensAbove(page, fire.line, VERIFIED_LENS);
    process.stdout.write(`# lens before the reload: ${title}\n`);
    serversBeforeReload = languageServerPids(session.id, ROOT);
    assert.ok(serversBeforeReload.length >= 1, 'the language server runs');
  });

  test('after "Developer: Reload Window" the lens and the hover above the quotation still say verified', async () => {
    assert.ok(serversBeforeReload.length, 'the previous test marked the quotation');
    // A mark on the page's window object is gone once the page really reloaded.
    await page.evaluate('window.__quoteLensBeforeReload = true');
    const loaded = page.waitForEvent('load', { timeout: 2 * UI_TIMEOUT });
    const t0 = Date.now();
    await runCommand(page, 'Developer: Reload Window');
    await loaded;
    assert.equal(await page.evaluate<boolean>('window.__quoteLensBeforeReload === true'), false, 'a new page');
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await statusItem().waitFor({ state: 'visible', timeout: 2 * UI_TIMEOUT });
    process.stdout.write(`# workbench and status item back ${Date.now() - t0} ms after the reload\n`);
    // The reload started a new extension host, and with it a new language server that read the file.
    const serversAfter = await waitUntil(
      () => {
        const now = languageServerPids(session.id, ROOT).filter((p) => !serversBeforeReload.includes(p));
        return now.length ? now : undefined;
      },
      () => `a new language server process (before the reload: ${serversBeforeReload.join(', ')})`,
    );
    process.stdout.write(`# language server pid ${serversBeforeReload.join(',')} before the reload, ${serversAfter.join(',')} after\n`);
    // …and the old one went away with the old extension host.
    await waitUntil(
      () => (languageServerPids(session.id, ROOT).some((p) => serversBeforeReload.includes(p)) ? undefined : true),
      () => `the language server of the window before the reload (${serversBeforeReload.join(', ')}) to exit`,
    );

    // The editor may be restored by the reload; Quick Open focuses it either way.
    await quickOpen(page, SEED, 'MOSCOW/WASHINGTON');
    await goTo(page, fire.line, fire.col + 3);
    const title = await lensAbove(page, fire.line, VERIFIED_LENS);
    assert.match(title, VERIFIED_LENS);
    // The quotation's hover (header "Igor Konashenkov · unmarked · ✓ Verified") and the diagnostic's.
    const hover = await hoverAtCursor(page, /Konashenkov/);
    assert.match(hover, /Igor Konashenkov · [^\n]*✓ Verified/, hover);
    assert.match(hover, /✓ Verified · Reworded quotation/, hover);
    await page.keyboard.press('Escape');
    // The file is unchanged: one entry, still verified.
    const entries = readAnnotations(annotationsFile)!;
    assert.equal(entries.length, 1, JSON.stringify(entries));
    assert.equal(entries.find(isFireEntry)?.status, 'verified');
  });

  test('two blank lines typed at the top (and saved) move the quote down two lines; its lens still says verified', async () => {
    const original = fs.readFileSync(seedFile, 'utf8');
    await quickOpen(page, SEED, 'MOSCOW/WASHINGTON');
    await page.keyboard.press('Control+Home');
    await page.locator('.statusbar-item').locator('text=/Ln 1, Col 1\\b/').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item').locator('text=/Ln 3, Col 1\\b/').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.press('Control+S');
    await waitUntil(
      () => (fs.readFileSync(seedFile, 'utf8') === `\n\n${original}` ? true : undefined),
      () => `${seedFile} saved with two blank lines at the top`,
    );
    await page.locator(`.tabs-container .tab.active.dirty[aria-label*="${SEED}"]`).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    const moved = lineCol(fs.readFileSync(seedFile, 'utf8'), FIRE);
    assert.equal(moved.line, fire.line + 2);
    await goTo(page, moved.line, moved.col + 3);
    await editorLines(page).locator('text=/Fire\\s+points\\s+in\\s+those\\s+areas/').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    const title = await lensAbove(page, moved.line, VERIFIED_LENS);
    assert.match(title, VERIFIED_LENS);
    // Nothing verified is left at the old position (two blank lines now lead up to it).
    const lenses = await page.locator('.editor-instance .monaco-editor .codelens-decoration').allInnerTexts();
    assert.equal(lenses.filter((t) => VERIFIED_LENS.test(t)).length, 1, JSON.stringify(lenses));
    // The entry is keyed by text, speaker and file, not by line: the file is as it was.
    const entries = readAnnotations(annotationsFile)!;
    assert.equal(entries.length, 1, JSON.stringify(entries));
    assert.equal(entries.find(isFireEntry)?.status, 'verified');
    process.stdout.write(`# lens above line ${moved.line} (was ${fire.line}): ${title}\n`);
  });
});
