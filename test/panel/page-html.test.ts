import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonForScript, panelHtml, reportHtml } from '../../server/src/report/page-html';

test("the panel page allows only nonce'd scripts and the extension's own resources", () => {
  const html = panelHtml({
    cspSource: 'https://x.vscode-cdn.net',
    nonce: 'abc123',
    scriptUri: 'https://x.vscode-cdn.net/panel.js',
    styleUri: 'https://x.vscode-cdn.net/panel.css',
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-abc123'/);
  assert.match(csp, /style-src https:\/\/x\.vscode-cdn\.net(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(html, /<script nonce="abc123" src="https:\/\/x\.vscode-cdn\.net\/panel\.js"><\/script>/);
});

test('the report inlines the bundle and its data, and data cannot close the script element', () => {
  const data = {
    schema: 'goodput.report/1' as const,
    title: 'R </script><b>',
    toolVersion: '0',
    fileCount: 1,
    models: [],
    findings: [],
  };
  const html = reportHtml({ nonce: 'n1', script: 'console.log("</script>")', style: 'body{}', data });
  assert.equal(html.match(/<\/script>/g)!.length, 2, 'only the two real script ends');
  assert.match(html, /<title>R &lt;\/script&gt;&lt;b&gt;<\/title>/);
  assert.match(html, /style-src 'nonce-n1'; script-src 'nonce-n1'/);
  assert.deepEqual(JSON.parse(jsonForScript(data)), data);
});
