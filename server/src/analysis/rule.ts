import type { ts } from '../typescript';
import type { EffectivePolicy, Family, Fix, RelatedLocation, ReportedSeverity, SimulationScenario } from './types';
import type { SourceFacts } from './facts/source-facts';
import type { ValueResolver } from './libraries/values';
import type { WorkspaceIndex } from './workspace-index';

/** One typed option of a rule. Every option documents its unit (if any) and default. */
export interface OptionSpec {
  type: 'number' | 'boolean' | 'string';
  default: number | boolean | string;
  description: string;
  unit?: 'ms' | 's' | 'count';
  minimum?: number;
  maximum?: number;
}

export interface RuleMeta {
  family: Family;
  /** Default severity, overridable in goodput.json and editor settings. */
  severity: ReportedSeverity;
  docs: { description: string };
  /** messageId → template written problem → consequence → remedy; `{{name}}` placeholders. */
  messages: Record<string, string>;
  /** `safe`: fix-all applies it. `suggestion`: offered only. `none`: no fix. */
  fix: 'safe' | 'suggestion' | 'none';
  options: Record<string, OptionSpec>;
  /** Id of the simulation model that shows this rule's failure mode. */
  simulation?: string;
}

export interface Report {
  node: ts.Node;
  messageId: string;
  data?: Record<string, string | number>;
  policy?: EffectivePolicy;
  fixes?: Fix[];
  related?: RelatedLocation[];
  simulation?: SimulationScenario;
}

/** What a rule sees of the file being analyzed. */
export interface RuleContext {
  readonly fileName: string;
  readonly sourceFile: ts.SourceFile;
  readonly text: string;
  /** Import-aware recognition of libraries and instances, across the workspace's modules. */
  readonly values: ValueResolver;
  readonly facts: SourceFacts;
  readonly workspace: WorkspaceIndex;
  report(report: Report): void;
  /** Attach an effective-policy note to a recognised node that is not (necessarily) a finding. */
  describe(node: ts.Node, policy: EffectivePolicy): void;
  /** A value computed once per analysis of this file and shared by the rules that ask for `key`. */
  perFile<T>(key: symbol, compute: () => T): T;
}

export type NodeVisitor = (node: ts.Node) => void;

/** Visitors keyed by `ts.SyntaxKind`; `fileEnd` runs after the single traversal of the file. */
export type Visitors = { [kind: number]: NodeVisitor | undefined } & { fileEnd?: () => void };

export type RuleOptions = Record<string, number | boolean | string>;

export interface RuleDefinition<O extends RuleOptions = RuleOptions> {
  id: string;
  meta: RuleMeta;
  /**
   * Returns the rule's visitors for one file. A rule that can tell cheaply (from the text, from
   * which packages the file can reach) that it cannot apply returns no visitors: the file is then
   * not walked for it, and not parsed at all if no rule needs it. `context.sourceFile` parses on
   * first access, so a cheap check must not touch it.
   */
  create(context: RuleContext, options: O): Visitors;
}

export function defineRule<O extends RuleOptions>(rule: RuleDefinition<O>): RuleDefinition<O> {
  return rule;
}

/** Fills `{{name}}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in data ? String(data[name]) : whole,
  );
}

export function defaultOptions(meta: RuleMeta): RuleOptions {
  const options: RuleOptions = {};
  for (const [name, spec] of Object.entries(meta.options)) options[name] = spec.default;
  return options;
}
