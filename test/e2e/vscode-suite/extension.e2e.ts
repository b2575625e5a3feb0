/// <reference types="mocha" />
/// <reference types="vscode" />
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findingKey, loadExpectations, type ExampleFinding } from '../support/expectations';

// The extension through VS Code's API, in a real extension host, on a copy of examples/ opened
// as the workspace: diagnostics, hover, quick fix and fix-all. Expectations as in the UI suite.

const expectations = loadExpectations();
const FIX_ALL_KIND = 'source.fixAll.goodput';

suite('Goodput in the extension host', () => {
  const root = () => vscode.workspace.workspaceFolders![0]!.uri;
  const uriOf = (file: string) => vscode.Uri.joinPath(root(), file);
  const goodput = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'goodput');

  test('the extension activates', async () => {
    const extension = vscode.extensions.getExtension('goodput.goodput');
    assert.ok(extension, 'goodput.goodput is installed');
    await extension.activate();
    console.log(`  VS Code ${vscode.version}, node ${process.version}, ${vscode.env.appName}`);
  });

  test('every expected finding of examples/ is a diagnostic', async () => {
    for (const file of expectations.files) {
      await vscode.window.showTextDocument(uriOf(file), { preview: false });
      const expected = expectations.findings
        .filter((finding) => finding.file === file)
        .map(findingKey)
        .sort();
      await diagnosticsSatisfy(uriOf(file), (diagnostics) => {
        const actual = diagnostics.map((d) => `${file}:${d.range.start.line + 1}:${codeOf(d)}`).sort();
        return JSON.stringify(actual) === JSON.stringify(expected);
      });
    }
  });

  test('the hover shows the effective policy', async () => {
    const finding = expectations.findings.find((candidate) => candidate.reported?.policy)!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uriOf(finding.file),
      positionOf(finding),
    );
    const text = hovers
      .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)))
      .join('\n');
    const summary = finding.reported!.policy!.summary.replaceAll('examples/', '');
    assert.ok(text.replace(/\\/g, '').includes(summary), `hover:\n${text}\nexpected: ${summary}`);
  });

  test('the preferred quick fix removes its finding', async () => {
    const finding = expectations.findings.find((candidate) => candidate.reported?.fixable)!;
    const uri = uriOf(finding.file);
    const diagnostic = goodput(uri).find(
      (d) => d.range.start.line + 1 === finding.line && codeOf(d) === finding.ruleId,
    )!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.isPreferred);
    assert.ok(fix?.edit, `no preferred fix among: ${actions.map((action) => action.title).join(', ')}`);
    const before = goodput(uri).length;
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await diagnosticsSatisfy(uri, (diagnostics) => diagnostics.length === before - 1);
  });

  test('fix-all (source.fixAll.goodput) leaves no fixable finding', async () => {
    const file = expectations.files.find((candidate) => goodput(uriOf(candidate)).length > 0)!;
    const uri = uriOf(file);
    await vscode.window.showTextDocument(uri);
    const whole = new vscode.Range(0, 0, 0, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      whole,
      FIX_ALL_KIND,
    );
    const fixAll = actions.find((action) => action.kind?.value === FIX_ALL_KIND);
    assert.ok(fixAll?.edit, `no fix-all action for ${file}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    await diagnosticsSatisfy(uri, (diagnostics) =>
      diagnostics.every(
        (d) => !(d as { data?: { fixes?: Array<{ kind: string }> } }).data?.fixes?.some((fix) => fix.kind === 'safe'),
      ),
    );
  });
});

function codeOf(diagnostic: vscode.Diagnostic): string {
  const { code } = diagnostic;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function positionOf(finding: ExampleFinding): vscode.Position {
  return new vscode.Position(finding.line - 1, (finding.reported?.column ?? 1) - 1);
}

/** Resolves once the Goodput diagnostics of `uri` satisfy `predicate` (checked on every change). */
function diagnosticsSatisfy(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 45_000,
): Promise<void> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'goodput');
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      listener.dispose();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const listener = vscode.languages.onDidChangeDiagnostics(() => predicate(current()) && done());
    const timer = setTimeout(() => {
      const seen = current().map((d) => `${d.range.start.line + 1}:${codeOf(d)}`);
      done(
        new Error(
          `diagnostics of ${uri.path} did not reach the expected state; they are: ${seen.join(', ') || 'none'}`,
        ),
      );
    }, timeoutMs);
    if (predicate(current())) done();
  });
}
