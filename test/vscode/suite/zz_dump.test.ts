import * as fs from 'node:fs';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { ready, ourDiagnostics, sampleUri, codeOf } from './helpers';

suite('dump', () => {
  test('dump diagnostics', async function () {
    const api = await ready();
    const out: Record<string, unknown> = { status: api.status() };
    for (const p of ['000', '001', '002', '003', '004']) {
      out[p] = ourDiagnostics(sampleUri(p)).map((d) => ({
        code: codeOf(d),
        target: typeof d.code === 'object' ? d.code.target.toString() : undefined,
        sev: d.severity,
        range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
        msg: d.message,
        rel: d.relatedInformation?.map((r) => [r.location.uri.fsPath.split('/').pop(), r.location.range.start.line, r.location.range.start.character, r.location.range.end.line, r.location.range.end.character, r.message]),
      }));
    }
    const caps = await api.client?.sendRequest('quoteLens/matches', { uri: sampleUri('000').toString() });
    out.matches000 = caps;
    console.log('languages', (await vscode.languages.getLanguages()).includes('news'));
    if (process.env.QUOTE_LENS_DUMP) fs.writeFileSync(process.env.QUOTE_LENS_DUMP, JSON.stringify(out, null, 1));
  });
});
