import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Fix as SarifFix, Invocation, Log, Notification, PhysicalLocation, Result } from 'sarif';
import type { Finding, Span } from '../../analysis';
import { TOOL_DISPLAY_NAME, TOOL_INFORMATION_URI } from '../tool-info';
import { FINGERPRINT_KEY, LINE_HASH_KEY, type FindingFingerprint } from './fingerprint';
import type { Shard } from '../shard';
import { displayPathOf, isFixable, type Report } from './report';
import { sarifLevel, sarifRules } from './sarif-rules';

// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Locations are
// relative to the `SRCROOT` base (the git root), so the same log is valid on any checkout;
// `partialFingerprints` keep an alert's identity when code above it moves.

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = 'SRCROOT';

export function toSarifLog(report: Report): Log {
  const rules = sarifRules(report.rules);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results: Result[] = [];
  for (const file of report.files) {
    file.findings.forEach((finding, index) => {
      results.push(toResult(finding, file.displayPath, file.fingerprints[index]!, ruleIndex, report.rootDir));
    });
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_DISPLAY_NAME,
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            informationUri: TOOL_INFORMATION_URI,
            rules,
          },
        },
        // GitHub code scanning keeps one set of alerts per category: shards uploaded separately
        // need their own, and a merged log gets the plain one back (see merge.ts).
        automationDetails: { id: automationId(report.shard) },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.rootDir) } },
        columnKind: 'utf16CodeUnits',
        invocations: [invocation(report, ruleIndex)],
        results,
      },
    ],
  };
}

export function formatSarif(report: Report): string {
  return `${JSON.stringify(toSarifLog(report), null, 2)}\n`;
}

function toResult(
  finding: Finding,
  displayPath: string,
  fingerprint: FindingFingerprint,
  ruleIndex: Map<string, number>,
  rootDir: string,
): Result {
  const artifactLocation = artifactLocationOf(displayPath);
  const index = ruleIndex.get(finding.ruleId);
  const result: Result = {
    ruleId: finding.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation, region: regionOf(finding.span) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint.semantic, [LINE_HASH_KEY]: fingerprint.lineHash },
  };
  if (finding.related.length > 0) {
    result.relatedLocations = finding.related.map((related, id) => ({
      id,
      message: { text: related.message },
      physicalLocation: {
        artifactLocation: artifactLocationOf(displayPathOf(related.file, rootDir)),
        region: regionOf(related.span),
      },
    }));
  }
  const fixes = isFixable(finding) ? safeFixes(finding, artifactLocation) : [];
  if (fixes.length > 0) result.fixes = fixes;
  const properties: Record<string, unknown> = {};
  if (finding.policy) properties.policy = finding.policy;
  if (finding.simulation) properties.simulation = finding.simulation;
  if (Object.keys(properties).length > 0) result.properties = properties;
  return result;
}

/** Only `safe` fixes: a SARIF consumer may apply fixes without asking, which suggestions must not be. */
function safeFixes(finding: Finding, artifactLocation: ArtifactLocation): SarifFix[] {
  return finding.fixes
    .filter((fix) => fix.kind === 'safe' && fix.edits.length > 0)
    .map((fix) => ({
      description: { text: fix.title },
      artifactChanges: [
        {
          artifactLocation,
          // Offsets refer to the file before any edit; listed in file order.
          replacements: [...fix.edits]
            .sort((a, b) => a.start - b.start || a.end - b.end)
            .map((edit) => ({
              deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start },
              ...(edit.newText === '' ? {} : { insertedContent: { text: edit.newText } }),
            })),
        },
      ],
    }));
}

function invocation(report: Report, ruleIndex: Map<string, number>): Invocation {
  const notifications: Notification[] = [];
  for (const failure of report.failures) {
    const notification: Notification = {
      level: 'error',
      message: { text: `Rule ${failure.ruleId} failed on ${failure.displayPath}: ${failure.message}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocationOf(failure.displayPath) } }],
    };
    const index = ruleIndex.get(failure.ruleId);
    notification.associatedRule = index === undefined ? { id: failure.ruleId } : { id: failure.ruleId, index };
    notifications.push(notification);
  }
  for (const skipped of report.skipped) {
    notifications.push({
      level: 'warning',
      message: { text: `${skipped.displayPath}: ${skipped.reason}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocationOf(skipped.displayPath) } }],
    });
  }
  // A rule that crashed means some findings may be missing: the run did not fully succeed.
  const result: Invocation = { executionSuccessful: report.failures.length === 0 };
  if (notifications.length > 0) result.toolExecutionNotifications = notifications;
  return result;
}

/** `goodput/` (category "goodput"), or `goodput/shard-2-of-4/` for one shard's log. */
export function automationId(shard: Shard | undefined): string {
  return shard ? `goodput/shard-${shard.index}-of-${shard.count}/` : 'goodput/';
}

function regionOf(span: Span): NonNullable<PhysicalLocation['region']> {
  return {
    startLine: span.startPos.line,
    startColumn: span.startPos.column,
    endLine: span.endPos.line,
    endColumn: span.endPos.column,
  };
}

/** Relative display paths become SRCROOT-relative URIs; files outside the root keep a file URI. */
function artifactLocationOf(displayPath: string): ArtifactLocation {
  if (/^([A-Za-z]:)?\//.test(displayPath)) return { uri: pathToFileURL(displayPath).href };
  return { uri: displayPath.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** SARIF requires base URIs to end with a slash, or relative URIs resolve against the parent. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
