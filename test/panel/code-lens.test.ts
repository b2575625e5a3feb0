import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPanelScenario } from '../../server/src/report/panel-messages';
import { LspTestClient } from '../helpers/lsp-client';

// The ways into the panel that the server provides: a code lens above each finding with a
// scenario, and a command link in its hover. Both carry the whole scenario (dist/server.js).

const SOURCE = `export async function load(url: string) {\n  const response = await fetch(url);\n  return response.json();\n}\n`;

describe('code lens and hover link to the simulation panel', { timeout: 60_000 }, () => {
  let root: string;
  let client: LspTestClient;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'goodput-lens-'));
    client = new LspTestClient();
    const result = (await client.initialize(root)) as { capabilities: { codeLensProvider?: unknown } };
    assert.ok(result.capabilities.codeLensProvider);
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('a finding gets "Simulate this failure mode" with its scenario, as written and fixed', async () => {
    const uri = pathToFileURL(join(root, 'load.ts')).toString();
    const published = client.waitForDiagnostics(uri, (d) => d.length > 0);
    await client.open(uri, SOURCE);
    const [diagnostic] = (await published).diagnostics;
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{
      range: unknown;
      command: { title: string; command: string; arguments: unknown[] };
    }>;
    assert.equal(lenses.length, 1);
    const [lens] = lenses;
    assert.match(lens!.command.title, /Simulate this failure mode/);
    assert.equal(lens!.command.command, 'goodput.simulateFinding');
    assert.deepEqual(lens!.range, diagnostic!.range);
    const [scenario] = lens!.command.arguments;
    assert.ok(isPanelScenario(scenario), JSON.stringify(scenario));
    assert.equal(scenario.model, 'missing-timeout');
    assert.deepEqual(scenario.params, { timeoutMs: 0 });
    assert.ok((scenario.fixedParams?.timeoutMs as number) > 0);
    assert.equal(scenario.finding?.ruleId, 'require-timeout');
    assert.equal(scenario.finding?.message, diagnostic!.message);

    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: diagnostic!.range.start,
    })) as {
      contents: { value: string };
    };
    const link = /\[Simulate this failure mode\]\(command:goodput\.simulateFinding\?([^)]+)\)/.exec(
      hover.contents.value,
    );
    assert.ok(link, hover.contents.value);
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1]!)), [scenario]);
  });
});
