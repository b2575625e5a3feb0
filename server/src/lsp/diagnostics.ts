import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl, type Finding, type ReportedSeverity } from '../analysis';
import type { DiagnosticData, LspRange } from '../protocol';

// Finding → LSP Diagnostic. Everything a code action or the simulation panel needs travels in
// `data`, so the server keeps no per-diagnostic state between requests.

export const DIAGNOSTIC_SOURCE = 'goodput';

const SEVERITY: Record<ReportedSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, document: TextDocument): Diagnostic {
  const data: DiagnosticData = {
    ruleId: finding.ruleId,
    documentVersion: document.version,
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      kind: fix.kind,
      edits: fix.edits.map((edit) => ({ range: rangeOf(document, edit.start, edit.end), newText: edit.newText })),
    })),
    policy: finding.policy?.summary,
    simulation: finding.simulation,
  };
  return {
    range: squiggleRange(document, finding.span.start, finding.span.end),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: docsUri(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    relatedInformation: finding.related.map((related) => ({
      location: {
        uri: pathToFileURL(related.file).toString(),
        range: {
          start: { line: related.span.startPos.line - 1, character: related.span.startPos.column - 1 },
          end: { line: related.span.endPos.line - 1, character: related.span.endPos.column - 1 },
        },
      },
      message: related.message,
    })),
    data,
  };
}

/**
 * Where the editor underlines a finding. A finding on a whole loop or function (the node its fix
 * may rewrite) is underlined on its first line only, as linters do: a squiggle over forty lines
 * hides the code. The fix's edits travel in `data` and keep the full node.
 */
export function squiggleRange(document: TextDocument, start: number, end: number): LspRange {
  const range = rangeOf(document, start, end);
  if (range.end.line - range.start.line < 3) return range;
  const lineEnd = document.getText({ start: range.start, end: { line: range.start.line + 1, character: 0 } }).trimEnd();
  return { start: range.start, end: { line: range.start.line, character: range.start.character + lineEnd.length } };
}

export function rangeOf(document: TextDocument, start: number, end: number): LspRange {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

const docsUris = new Map<string, string>();

/** The rule's page shipped with the server (extension or npm package), else the online copy. */
export function docsUri(ruleId: string): string {
  let uri = docsUris.get(ruleId);
  if (uri === undefined) {
    uri = findDocsUri(ruleId);
    docsUris.set(ruleId, uri);
  }
  return uri;
}

function findDocsUri(ruleId: string): string {
  // dist/server.js in the extension or package; server/src/lsp when run from sources.
  for (const base of [join(__dirname, '..', 'docs'), join(__dirname, '..', '..', '..', 'docs')]) {
    const local = join(base, 'rules', `${ruleId}.md`);
    if (existsSync(local)) return pathToFileURL(local).toString();
  }
  return ruleDocsUrl(ruleId);
}

export type GoodputDiagnostic = Omit<Diagnostic, 'data'> & { data: DiagnosticData };

export function isGoodputDiagnostic(diagnostic: Diagnostic): diagnostic is GoodputDiagnostic {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return diagnostic.source === DIAGNOSTIC_SOURCE && typeof data?.ruleId === 'string' && Array.isArray(data.fixes);
}
