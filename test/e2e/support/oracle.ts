import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyLspEdits, LspTestClient, type Diagnostic } from '../../helpers/lsp-client';

// The bundled language server over stdio, holding the same files the editor has open. Each UI
// step asks it what should happen (which quick fix, what text results, which diagnostics remain)
// and then checks that the editor shows exactly that: no rule, message or fix title is written
// into the e2e tests, so they keep passing as rules are added.

export interface LspCodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { changes: Record<string, Array<{ range: Diagnostic['range']; newText: string }>> };
}

interface OpenFile {
  uri: string;
  version: number;
  text: string;
}

export class Oracle {
  private readonly client = new LspTestClient();
  private readonly files = new Map<string, OpenFile>();

  constructor(private readonly workspaceRoot: string) {}

  async start(): Promise<void> {
    await this.client.initialize(this.workspaceRoot);
  }

  async stop(): Promise<void> {
    await this.client.stop();
  }

  /** Opens `file` (relative to the workspace) with its text on disk and waits for its diagnostics. */
  async open(file: string): Promise<void> {
    const uri = pathToFileURL(join(this.workspaceRoot, file)).toString();
    const text = readFileSync(join(this.workspaceRoot, file), 'utf8');
    this.files.set(file, { uri, version: 1, text });
    const published = this.waitForVersion(uri, 1);
    await this.client.open(uri, text);
    await published;
  }

  text(file: string): string {
    return this.openFile(file).text;
  }

  diagnostics(file: string): Diagnostic[] {
    return this.client.latest.get(this.openFile(file).uri)?.diagnostics ?? [];
  }

  /** `file:line:ruleId` of every diagnostic in the open files (lines 1-based), sorted. */
  findingKeys(): string[] {
    return [...this.files.keys()]
      .flatMap((file) => this.diagnostics(file).map((d) => `${file}:${d.range.start.line + 1}:${String(d.code)}`))
      .sort();
  }

  async codeActions(file: string, diagnostic: Diagnostic, only?: string[]): Promise<LspCodeAction[]> {
    const { uri } = this.openFile(file);
    return (await this.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: only ? [] : [diagnostic], ...(only ? { only } : {}) },
    })) as LspCodeAction[];
  }

  /** The text `file` has after `action`'s edits. */
  textAfter(file: string, action: LspCodeAction): string {
    const open = this.openFile(file);
    const edits = action.edit?.changes[open.uri];
    if (!edits) throw new Error(`code action "${action.title}" has no edit for ${file}`);
    return applyLspEdits(open.text, edits);
  }

  /** Replaces the text of `file` (as the editor did) and waits for its new diagnostics. */
  async change(file: string, text: string): Promise<void> {
    const open = this.openFile(file);
    open.version += 1;
    open.text = text;
    const published = this.waitForVersion(open.uri, open.version);
    await this.client.change(open.uri, open.version, text);
    await published;
  }

  private waitForVersion(uri: string, version: number): Promise<unknown> {
    // `latest` is updated before waiters run, so the predicate can read the published version.
    return this.client.waitForDiagnostics(uri, () => this.client.latest.get(uri)?.version === version);
  }

  private openFile(file: string): OpenFile {
    const open = this.files.get(file);
    if (!open) throw new Error(`${file} is not open in the oracle`);
    return open;
  }
}
