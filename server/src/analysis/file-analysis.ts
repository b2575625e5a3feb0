import type { ts } from '../typescript';
import { sourceFacts, type SourceFacts } from './facts/source-facts';
import type { ValueResolver } from './libraries/values';
import { formatMessage, type Report, type RuleContext, type RuleDefinition } from './rule';
import type { EffectivePolicy, Finding, PolicyNote, ReportedSeverity, Span } from './types';
import type { WorkspaceIndex } from './workspace-index';

// One analysis of one file: what its rules share (the text, the tree parsed on first use) and
// where their reports go. A workspace pass makes one rule context per rule per file — tens of
// thousands — so contexts are small class instances whose accessors live on the prototype,
// not object literals with getters and closures of their own.

export class FileAnalysis {
  readonly findings: Finding[] = [];
  readonly policies: PolicyNote[] = [];
  private parsed: ts.SourceFile | undefined;
  private readonly shared = new Map<symbol, unknown>();

  constructor(
    readonly fileName: string,
    readonly text: string,
    private readonly parse: () => ts.SourceFile,
    readonly values: ValueResolver,
    readonly workspace: WorkspaceIndex,
  ) {}

  /** The file's tree, parsed on first use: a file no rule applies to is never parsed. */
  tree(): ts.SourceFile {
    return (this.parsed ??= this.parse());
  }

  /** A value computed once per analysis of this file (see RuleContext.perFile). */
  perFile<T>(key: symbol, compute: () => T): T {
    if (!this.shared.has(key)) this.shared.set(key, compute());
    return this.shared.get(key) as T;
  }

  contextFor(rule: RuleDefinition, severity: ReportedSeverity): RuleContext {
    return new FileRuleContext(this, rule, severity);
  }
}

class FileRuleContext implements RuleContext {
  constructor(
    private readonly file: FileAnalysis,
    private readonly rule: RuleDefinition,
    private readonly severity: ReportedSeverity,
  ) {}

  get fileName(): string {
    return this.file.fileName;
  }

  get sourceFile(): ts.SourceFile {
    return this.file.tree();
  }

  get text(): string {
    return this.file.text;
  }

  get values(): ValueResolver {
    return this.file.values;
  }

  get facts(): SourceFacts {
    return sourceFacts(this.file.tree()); // after the traversal: already computed
  }

  get workspace(): WorkspaceIndex {
    return this.file.workspace;
  }

  report(report: Report): void {
    this.file.findings.push(toFinding(this.rule, this.severity, this.file.tree(), report));
  }

  describe(node: ts.Node, policy: EffectivePolicy): void {
    this.file.policies.push({ span: spanOf(this.file.tree(), node), policy });
  }

  perFile<T>(key: symbol, compute: () => T): T {
    return this.file.perFile(key, compute);
  }
}

function toFinding(rule: RuleDefinition, severity: ReportedSeverity, sourceFile: ts.SourceFile, report: Report): Finding {
  const template = rule.meta.messages[report.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId "${report.messageId}"`);
  return {
    ruleId: rule.id,
    family: rule.meta.family,
    severity,
    messageId: report.messageId,
    message: formatMessage(template, report.data),
    file: sourceFile.fileName,
    span: spanOf(sourceFile, report.node),
    policy: report.policy,
    fixes:
      rule.meta.fix === 'none'
        ? []
        : (report.fixes ?? []).map((fix) => ({ ...fix, kind: rule.meta.fix === 'suggestion' ? 'suggestion' : fix.kind })),
    related: report.related ?? [],
    simulation: report.simulation,
  };
}

export function spanOf(sourceFile: ts.SourceFile, node: ts.Node): Span {
  return spanOfRange(sourceFile, node.getStart(sourceFile), node.end);
}

export function spanOfRange(sourceFile: ts.SourceFile, start: number, end: number): Span {
  const a = sourceFile.getLineAndCharacterOfPosition(start);
  const b = sourceFile.getLineAndCharacterOfPosition(end);
  return { start, end, startPos: { line: a.line + 1, column: a.character + 1 }, endPos: { line: b.line + 1, column: b.character + 1 } };
}
