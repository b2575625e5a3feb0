import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

// A real LSP client over stdio against the *bundled* server (dist/server.js), as any editor
// would run it. Tests wait on notifications, never on timers.

export const SERVER_PATH = join(__dirname, '..', '..', 'dist', 'server.js');

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  codeDescription?: { href: string };
  data?: unknown;
}

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

type Waiter = { predicate: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void };

export class LspTestClient {
  readonly connection: MessageConnection;
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  private readonly waiters: Waiter[] = [];
  private readonly notificationWaiters: Array<{ method: string; predicate: (params: unknown) => boolean; resolve: (params: unknown) => void }> = [];
  private readonly process: ChildProcess;
  readonly stderr: string[] = [];

  /** `settings`: the `goodput` section answered to workspace/configuration (none: the client has no configuration support). */
  constructor(args: string[] = ['--stdio'], private readonly settings?: Record<string, unknown>) {
    this.process = spawn(process.execPath, [SERVER_PATH, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.latest.set(params.uri, params);
      for (const waiter of [...this.waiters]) {
        if (waiter.predicate(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
      for (const waiter of [...this.notificationWaiters]) {
        if (waiter.method === method && waiter.predicate(params)) {
          this.notificationWaiters.splice(this.notificationWaiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings ?? null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(rootPath: string): Promise<unknown> {
    const rootUri = pathToFileURL(rootPath).toString();
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'test' }],
      capabilities: {
        textDocument: { publishDiagnostics: { relatedInformation: true } },
        workspace: { configuration: this.settings !== undefined },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the first diagnostics notification for `uri` that satisfies `predicate`. */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => {
      this.waiters.push({ predicate: (params) => params.uri === uri && predicate(params.diagnostics), resolve });
    });
  }

  /** Resolves with the first notification `method` whose params satisfy `predicate` (past ones included). */
  waitForNotification<T>(method: string, predicate: (params: T) => boolean): Promise<T> {
    const past = this.notifications.find((n) => n.method === method && predicate(n.params as T));
    if (past) return Promise.resolve(past.params as T);
    return new Promise((resolve) => {
      this.notificationWaiters.push({ method, predicate: predicate as (params: unknown) => boolean, resolve: resolve as (params: unknown) => void });
    });
  }

  /** Bytes straight onto the server's stdin, bypassing the JSON-RPC writer (for malformed input). */
  writeRaw(data: string): void {
    this.process.stdin!.write(data);
  }

  get pid(): number {
    return this.process.pid!;
  }

  open(uri: string, text: string, languageId = 'typescript', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      if (this.process.exitCode === null) {
        await new Promise<void>((resolve) => {
          this.process.once('exit', () => resolve());
          setImmediate(() => this.process.kill());
        });
      }
    }
  }
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyLspEdits(
  text: string,
  edits: Array<{ range: Diagnostic['range']; newText: string }>,
): string {
  const offsets = lineOffsets(text);
  const toOffset = (p: { line: number; character: number }) => (offsets[p.line] ?? text.length) + p.character;
  const sorted = edits
    .map((edit) => ({ start: toOffset(edit.range.start), end: toOffset(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') offsets.push(i + 1);
  return offsets;
}
