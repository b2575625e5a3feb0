import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../test/helpers/lsp-client';
import { generateWorkspace } from './generated-workspace';

// The language server as an editor sees it, on a generated 5,000-file workspace: cold start to
// first diagnostics, memory after indexing (vs. a process holding the raw parse of the same
// files), and keystroke to diagnostics in a 2,000-line file (analysis time and end to end).

export interface ServerFigures {
  files: number;
  coldStartMs: number;
  indexedMs: number;
  serverRssMb: number;
  rawParseRssMb: number;
  keystrokeAnalysisMs: number;
  keystrokeEndToEndMs: number;
}

const FILE_COUNT = Number(process.env.BENCH_FILES ?? 5000);
const KEYSTROKES = 120;
/** The first keystrokes warm the JIT up; they are not counted. */
const WARM_UP_KEYSTROKES = 20;

export async function measureServer(): Promise<ServerFigures> {
  const workspace = generateWorkspace(join(__dirname, '.corpus', 'generated'), FILE_COUNT);
  const started = performance.now();
  const client = new LspTestClient(['--stdio'], { debounceMs: 0 });
  try {
    await client.initialize(workspace.root);
    const uri = pathToFileURL(workspace.bigFile).toString();
    let text = readFileSync(workspace.bigFile, 'utf8');
    const first = client.waitForDiagnostics(uri, () => true);
    await client.open(uri, text);
    await first;
    const coldStartMs = performance.now() - started;
    await client.waitForNotification<{ state: string; fileCount?: number }>(
      'goodput/status',
      (status) => status.state === 'ready' && (status.fileCount ?? 0) >= workspace.files.length,
    );
    const indexedMs = performance.now() - started;
    const serverRssMb = rssMb(client.pid);

    const analysis: number[] = [];
    const endToEnd: number[] = [];
    for (let version = 2; version < 2 + KEYSTROKES; version++) {
      // One character typed inside a string literal, as in editing a URL; sent as editors do, as
      // an incremental change (not the whole 2,000-line text).
      const anchor = `/items/\${id}/${version}\``;
      const offset = text.indexOf(anchor) + anchor.length - 1;
      text = `${text.slice(0, offset)}x${text.slice(offset)}`;
      const line = text.slice(0, offset).split('\n').length - 1;
      const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
      const position = { line, character };
      client.notifications.length = 0; // only what this keystroke causes
      const published = client.waitForDiagnostics(uri, () => true);
      const status = client.waitForNotification<{ state: string; lastAnalysisMs?: number }>(
        'goodput/status',
        (params) => params.state === 'ready' && params.lastAnalysisMs !== undefined,
      );
      const sent = performance.now();
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
      });
      await published;
      const analysisMs = (await status).lastAnalysisMs!;
      if (version - 2 < WARM_UP_KEYSTROKES) continue;
      endToEnd.push(performance.now() - sent);
      analysis.push(analysisMs);
    }
    return {
      files: workspace.files.length,
      coldStartMs,
      indexedMs,
      serverRssMb,
      rawParseRssMb: rawParseRssMb(workspace.files),
      keystrokeAnalysisMs: median(analysis),
      keystrokeEndToEndMs: median(endToEnd),
    };
  } finally {
    await client.stop();
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** RSS of a Node process that parses every file with TypeScript and keeps the trees. */
function rawParseRssMb(files: readonly string[]): number {
  const script = `
    const { ts } = require('ts-morph');
    const fs = require('fs');
    const files = JSON.parse(fs.readFileSync(0, 'utf8'));
    const kept = files.map((f) => ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, false));
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    process.stdout.write(String(Number(/VmRSS:\\s+(\\d+)/.exec(status)[1]) / 1024 + kept.length * 0));
  `;
  const output = execFileSync(process.execPath, ['-e', script], { input: JSON.stringify(files), cwd: join(__dirname, '..'), encoding: 'utf8' });
  return Number(output);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
