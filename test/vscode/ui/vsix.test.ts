// The packaged extension in a real workbench, driven through its UI.
//
// Packs the .vsix (scripts/vscode/package.ts), checks its file list, installs it into a fresh code-server
// (`--install-extension`), opens a copy of samples/ in headless chromium, opens a seed file with Quick Open,
// waits for the squiggles, reads the Problems panel and a diagnostic hover, and takes a screenshot
// (.test-artifacts/workbench.png; copied to docs/screenshot.png when that is missing or when
// QUOTE_LENS_UPDATE_SCREENSHOT=1).
//
// Run: node --import tsx --test test/vscode/ui/vsix.test.ts   (QUOTE_LENS_VSIX=<file> tests a given .vsix)
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  Session,
  installExtension,
  launchBrowser,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from '../../../scripts/vscode/codeServer.ts';
import type { CodeServer, PwPage } from '../../../scripts/vscode/codeServer.ts';
import { packageVsix } from '../../../scripts/vscode/package.ts';
import { ROOT, ensureTools } from '../../../scripts/vscode/tools.ts';
import type { Tools } from '../../../scripts/vscode/tools.ts';

const ARTIFACTS = path.join(ROOT, '.test-artifacts');
const SEED = '000_2c6bdf8bfe82f281.txt';
const UI_TIMEOUT = 60_000;

/** Names and sizes of the entries of a zip file, from its central directory. */
export function zipEntries(file: string): { name: string; size: number }[] {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: { name: string; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function lineCol(text: string, needle: string): { line: number; col: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `'${needle}' not in the sample`);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, col: at - before.lastIndexOf('\n') };
}

describe('packaged extension (.vsix) in code-server', { timeout: 10 * 60_000 }, () => {
  let tools: Tools;
  let session: Session;
  let vsix: string;
  let cs: CodeServer;
  let page: PwPage;
  let workspace: string;
  let seedText: string;

  before(async () => {
    tools = ensureTools();
    vsix = process.env.QUOTE_LENS_VSIX ? path.resolve(process.env.QUOTE_LENS_VSIX) : packageVsix();
    session = new Session('quote-lens-vsix-');
    workspace = session.dir('workspace');
    fs.cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
    seedText = fs.readFileSync(path.join(workspace, SEED), 'utf8');
  });

  after(async () => {
    await session?.dispose();
  });

  test('the .vsix holds the bundles and the manifest only', () => {
    const entries = zipEntries(vsix);
    const names = entries.map((e) => e.name).sort();
    const size = fs.statSync(vsix).size;
    process.stdout.write(`# ${path.basename(vsix)}: ${(size / 1024).toFixed(0)} KiB, ${names.length} files\n`);
    for (const e of entries) process.stdout.write(`#   ${e.name} (${(e.size / 1024).toFixed(1)} KiB)\n`);
    for (const required of ['extension.vsixmanifest', 'extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js']) {
      assert.ok(names.includes(required), `${required} is missing`);
    }
    const forbidden = names.filter((n) =>
      /(^|\/)node_modules\/|\.ts$|\.map$|^extension\/(test|client|server|scripts|samples|src|\.tools)\//.test(n),
    );
    assert.deepEqual(forbidden, [], 'no dependencies, sources, tests or source maps');
    const allowed = /^(\[Content_Types\]\.xml|extension\.vsixmanifest|extension\/(package\.json|readme\.md|changelog\.md|license(\.md|\.txt)?|dist\/(client|server)\.js|syntaxes\/.+|language-configuration(\.json|\/.+)|(images\/)?icon\.png))$/i;
    assert.deepEqual(names.filter((n) => !allowed.test(n)), [], 'only allowlisted files');
    assert.ok(size < 5 * 1024 * 1024, `${size} bytes`);
  });

  test('installs into code-server with --install-extension', async () => {
    const userDataDir = session.dir('user-data');
    const extensionsDir = session.dir('extensions');
    const out = await installExtension(tools, session, vsix, { userDataDir, extensionsDir });
    assert.match(out, /successfully installed/i);
    const list = spawnSync(tools.node, [tools.codeServerEntry, '--extensions-dir', extensionsDir, '--list-extensions', '--show-versions'], {
      env: session.env,
      encoding: 'utf8',
    });
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.match(list.stdout, new RegExp(`^quote-lens\\.quote-lens@${pkg.version.replace(/\./g, '\\.')}$`, 'm'), list.stdout + list.stderr);
    // News paragraphs are long lines: wrap them so the picture shows whole sentences.
    writeUserSettings(userDataDir, { 'editor.wordWrap': 'on', 'editor.minimap.enabled': false, 'editor.hover.above': false });
    cs = await startCodeServer(tools, session, { userDataDir, extensionsDir });
  });

  test('activates in the workbench and reports the indexed samples in the status bar', async () => {
    assert.ok(cs, 'code-server started');
    const browser = await launchBrowser(tools, session);
    page = await browser.newPage();
    await page.goto(workbenchUrl(cs, workspace), { waitUntil: 'domcontentloaded', timeout: UI_TIMEOUT });
    const t0 = Date.now();
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    process.stdout.write(`# workbench shown after ${Date.now() - t0} ms\n`);
    // The extension's status item ("5 files · … quotes · … conflicts") appears once its server indexed the folder.
    const files = fs.readdirSync(workspace).filter((f) => f.endsWith('.txt')).length;
    // Wait for the finished summary, not the progress text ("Quote Lens: 1 / 5 files") shown while indexing.
    const item = page.locator('.statusbar-item').locator(`text=/${files} files · \\d+ quotes/`).first();
    await item.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    process.stdout.write(`# status item after ${Date.now() - t0} ms\n`);
    assert.match(await item.innerText(), new RegExp(`${files} files · \\d+ quotes · \\d+ conflicts`));
  });

  test('opens a seed with Quick Open and shows the conflict squiggles', async () => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.type(SEED);
    await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${SEED}"]`).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor .view-lines');
    await editor.locator('text=MOSCOW/WASHINGTON').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    // Conflicts are warnings (C01: 62 miles here, 160 miles in 002); reworded quotations are information.
    await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: UI_TIMEOUT });
    await page.locator('.editor-instance .monaco-editor .squiggly-info').first().waitFor({ state: 'attached', timeout: UI_TIMEOUT });
  });

  test('code lenses above the matched quotations count their sources', async () => {
    // Konashenkov's "Fire points …" (gold M2) is quoted in four other places, three of them reworded.
    const lens = page.locator('.editor-instance .monaco-editor .codelens-decoration').locator('text=/\\d+ sources/').first();
    await lens.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    const titles = await page.locator('.editor-instance .monaco-editor .codelens-decoration').allInnerTexts();
    assert.ok(titles.some((t) => /\b4 sources · 3 reworded\b/.test(t)), JSON.stringify(titles));
  });

  test('the Problems panel lists the conflict with the other file and its code', async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    const row = panel.locator('.monaco-list-row').locator('text=/160 miles/').first();
    await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    const text = await panel.innerText();
    // Both sides of C01 and the files they are in.
    assert.match(text, /62 miles/);
    assert.match(text, /000_2c6bdf8bfe82f281\.txt/);
    assert.match(text, /002_dce29dcf82e0f63b\.txt/);
    assert.match(text, /quote-lens/);
    assert.match(text, /fact-conflict/);
  });

  /** Moves the cursor to a 1-based line and column with Go to Line, then shows the hover there (Ctrl+K Ctrl+I). */
  async function hoverAt(line: number, col: number, expected: RegExp): Promise<string> {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.type(`${line}:${col}`);
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .monaco-editor.focused').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)');
    await hover.locator(`text=${expected.toString()}`).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    return hover.first().innerText();
  }

  test('a hover on the conflicting figure shows the conflict with the other file', async () => {
    const { line, col } = lineCol(seedText, '62 miles');
    const text = await hoverAt(line, col + 1, /160 miles/);
    assert.match(text, /160 miles/);
    assert.match(text, /62 miles/);
    assert.match(text, /fact-conflict/);
    assert.match(text, /002_dce29dcf82e0f63b\.txt/);
  });

  test("a hover on Konashenkov's warning names him and the other places, under its lens; a screenshot is kept", async () => {
    // Gold M2: "Fire points in those areas will be immediately suppressed …", Igor Konashenkov.
    const { line, col } = lineCol(seedText, 'Fire points in those areas');
    const text = await hoverAt(line, col + 3, /Konashenkov/);
    assert.match(text, /Igor Konashenkov/);
    for (const other of ['001', '002', '003', '004']) assert.match(text, new RegExp(`file ${other}\\b`), `file ${other} in\n${text}`);
    await page.locator('.editor-instance .codelens-decoration').locator('text=/4 sources/').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'workbench.png');
    await page.screenshot({ path: shot });
    assert.ok(fs.statSync(shot).size > 10_000, 'a real picture');
    const docShot = path.join(ROOT, 'docs', 'screenshot.png');
    if (!fs.existsSync(docShot) || process.env.QUOTE_LENS_UPDATE_SCREENSHOT === '1') {
      fs.mkdirSync(path.dirname(docShot), { recursive: true });
      fs.copyFileSync(shot, docShot);
    }
    process.stdout.write(`# screenshot: ${path.relative(ROOT, shot)}\n`);
  });
});
