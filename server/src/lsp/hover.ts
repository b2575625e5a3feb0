import type { Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileResult } from '../analysis';
import { SIMULATE_FINDING_COMMAND } from '../protocol';
import { simulationScenario } from './code-lens';
import { docsUri } from './diagnostics';

// The hover states the effective policy Goodput computed for the call under the cursor
// ("axios instance `api` (src/http/client.ts:12): timeout 5 s, set on the instance"), and for a
// finding, its rule (linked to the docs) and the way to its simulation. The finding's message is
// not repeated: the editor already shows the diagnostic above the hover.

export function hoverAt(result: FileResult, document: TextDocument, position: Position): Hover | null {
  const offset = document.offsetAt(position);
  const contains = (span: { start: number; end: number }) => span.start <= offset && offset <= span.end;
  const policies = result.policies.filter((note) => contains(note.span));
  if (policies.length === 0) return null;
  // The innermost recognised call is the one the user points at.
  const innermost = policies.reduce((best, note) => (note.span.end - note.span.start < best.span.end - best.span.start ? note : best));
  const findings = result.findings.filter((finding) => finding.span.start === innermost.span.start && finding.span.end === innermost.span.end);
  const lines = [`**Goodput** · ${escapeMarkdown(innermost.policy.summary)}`];
  for (const finding of findings) {
    const links = [`[${finding.ruleId}](${docsUri(finding.ruleId)})`];
    const scenario = simulationScenario(finding, document);
    // A command link (the client trusts this one command): opens the simulation panel.
    if (scenario) links.push(`[Simulate this failure mode](command:${SIMULATE_FINDING_COMMAND}?${commandArguments([scenario])})`);
    lines.push('', links.join(' · '));
  }
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    range: { start: document.positionAt(innermost.span.start), end: document.positionAt(innermost.span.end) },
  };
}

function escapeMarkdown(text: string): string {
  // Keep `code` spans; escape the characters that would start other markup.
  return text.replace(/([\\*_[\]<>])/g, '\\$1');
}

/** Command-link arguments; parentheses too are escaped, or they would end the Markdown link. */
function commandArguments(args: unknown[]): string {
  return encodeURIComponent(JSON.stringify(args)).replace(/\(/g, '%28').replace(/\)/g, '%29');
}
