import type { ReportingDescriptor } from 'sarif';
import { ruleDocsUrl, type Family, type ReportedSeverity, type RuleDefinition } from '../../analysis';
import { compareStrings } from '../sort-order';

// SARIF `tool.driver.rules`: what code-scanning UIs show beside an alert (title, help, link,
// tags to filter by). Built from each rule's meta, so it cannot drift from the analyzer.

/** The analyzer's own finding about stale `goodput-ignore` directives; not one of `allRules`. */
export const UNUSED_DIRECTIVE_RULE_ID = 'unused-directive';

/** Why the family matters, in one sentence: the "why" a reviewer needs before the "what". */
const FAMILY_RATIONALE: Record<Family | 'meta', string> = {
  timeout:
    'An outbound call that can wait forever turns a slow dependency into a pile-up of requests, sockets and memory.',
  retry:
    'Retries that are synchronised, unbounded or nested multiply the load on a dependency that is already failing.',
  pool: 'Pools, queues and fan-out without bounds let one traffic spike take every connection and all the memory.',
  cache: 'Cache entries that expire together send every concurrent miss to the database at the same moment.',
  meta: 'A suppression directive that suppresses nothing can silently hide the next real problem.',
};

export type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF has three levels; information and hint are both "note" (they never fail a build). */
export function sarifLevel(severity: ReportedSeverity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

interface RuleSummary {
  id: string;
  family: Family | 'meta';
  severity: ReportedSeverity;
  description: string;
  fix: string;
  simulation?: string;
  options: Array<{ name: string; facts: string; description: string }>;
}

/** Every rule that ran plus `unused-directive`, sorted by id (results point into this by index). */
export function sarifRules(rules: readonly RuleDefinition[]): ReportingDescriptor[] {
  const summaries = rules.map(summarize);
  summaries.push({
    id: UNUSED_DIRECTIVE_RULE_ID,
    family: 'meta',
    severity: 'warning',
    description: 'Report goodput-ignore directives that suppress nothing',
    fix: 'safe',
    options: [],
  });
  return summaries.sort((a, b) => compareStrings(a.id, b.id)).map(descriptor);
}

function summarize(rule: RuleDefinition): RuleSummary {
  const { meta } = rule;
  return {
    id: rule.id,
    family: meta.family,
    severity: meta.severity,
    description: meta.docs.description,
    fix: meta.fix,
    simulation: meta.simulation,
    options: Object.entries(meta.options).map(([name, spec]) => ({
      name,
      facts: `${spec.type}${spec.unit ? `, ${spec.unit}` : ''}, default ${String(spec.default)}`,
      description: spec.description,
    })),
  };
}

function descriptor(rule: RuleSummary): ReportingDescriptor {
  const docsUrl = ruleDocsUrl(rule.id);
  const rationale = FAMILY_RATIONALE[rule.family];
  const facts = [`family: ${rule.family}`, `default severity: ${rule.severity}`, `quick fix: ${rule.fix}`];
  if (rule.simulation) facts.push(`simulation: ${rule.simulation}`);
  const text = [
    `${rule.description}.`,
    rationale,
    facts.join('; '),
    ...(rule.options.length > 0
      ? ['Options:', ...rule.options.map((option) => `- ${option.name} (${option.facts}): ${option.description}`)]
      : []),
    `Documentation: ${docsUrl}`,
  ].join('\n');
  const markdown = [
    `**${rule.description}.**`,
    '',
    rationale,
    '',
    facts.map((fact) => fact.replace(/: (.+)$/, ': `$1`')).join(' · '),
    ...(rule.options.length > 0
      ? [
          '',
          'Options:',
          ...rule.options.map((option) => `- \`${option.name}\` (${option.facts}): ${option.description}`),
        ]
      : []),
    '',
    `[Documentation](${docsUrl})`,
  ].join('\n');
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description}. ${rationale}` },
    help: { text, markdown },
    helpUri: docsUrl,
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { tags: rule.family === 'meta' ? ['goodput', 'meta'] : ['resilience', rule.family] },
  };
}

/** SARIF suggests a readable, identifier-like `name` ("RequireTimeout") beside the opaque id. */
function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
