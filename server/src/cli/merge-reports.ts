import { fileURLToPath } from 'node:url';
import type { Log, Notification, Result, Run } from 'sarif';
import type { JsonReport } from './formats/json';
import { automationId, SRCROOT } from './formats/sarif';
import { UsageError } from './io';
import { compareStrings } from './sort-order';

// Shard outputs → the report an unsharded run prints: the same order (files by path, findings
// as each shard sorted them), the same sums, the shard marks removed. Shards analyze disjoint
// files, so their results never overlap; a file reported twice means the inputs were wrong.

export interface MergeInput<T> {
  kind: 'json' | 'sarif';
  name: string;
  report: T;
}

type ShardMark = { index: number; count: number } | null;

export function mergeJsonReports(inputs: ReadonlyArray<MergeInput<JsonReport>>): JsonReport {
  checkShards(inputs.map((input) => ({ name: input.name, shard: input.report.shard ?? null })));
  const results = inputs.flatMap((input) => input.report.results);
  results.sort((a, b) => compareStrings(a.filePath, b.filePath));
  checkDistinct(results.map((result) => result.filePath));
  const summary = { errorCount: 0, warningCount: 0, infoCount: 0, hintCount: 0, fixableCount: 0, fileCount: 0 };
  for (const input of inputs) {
    for (const key of Object.keys(summary) as Array<keyof typeof summary>) summary[key] += input.report.summary[key];
  }
  const first = inputs[0]!.report;
  return { version: first.version, tool: first.tool, results, summary, shard: null };
}

export function mergeSarifLogs(inputs: ReadonlyArray<MergeInput<Log>>): Log {
  const runs = inputs.map((input) => {
    if (input.report.runs.length !== 1)
      throw new UsageError(`${input.name}: expected one run (a goodput SARIF log)`, false);
    return input.report.runs[0]!;
  });
  checkShards(inputs.map((input, index) => ({ name: input.name, shard: shardOfRun(runs[index]!) })));
  const ruleIds = (run: Run) => JSON.stringify((run.tool.driver.rules ?? []).map((rule) => rule.id));
  if (runs.some((run) => ruleIds(run) !== ruleIds(runs[0]!))) {
    throw new UsageError('the logs were written with different rules (different goodput versions?)', false);
  }
  // Per file, results stay in the order their shard wrote them (position order).
  const byFile = new Map<string, Result[]>();
  for (const result of runs.flatMap((run) => run.results ?? [])) {
    const path = pathOf(result.locations?.[0]?.physicalLocation?.artifactLocation);
    byFile.set(path, [...(byFile.get(path) ?? []), result]);
  }
  const results = [...byFile.keys()].sort(compareStrings).flatMap((path) => byFile.get(path)!);
  const notifications = runs.flatMap((run) => run.invocations?.[0]?.toolExecutionNotifications ?? []);
  const merged: Run = { ...structuredClone(runs[0]!) };
  merged.automationDetails = { ...merged.automationDetails, id: automationId(undefined) };
  merged.invocations = [
    {
      executionSuccessful: runs.every((run) => run.invocations?.[0]?.executionSuccessful !== false),
      ...(notifications.length > 0 ? { toolExecutionNotifications: sortNotifications(notifications) } : {}),
    },
  ];
  merged.results = results;
  return { ...inputs[0]!.report, runs: [merged] };
}

/** Rule failures (errors) first, then skipped files, each by path then rule: as check writes them. */
function sortNotifications(notifications: Notification[]): Notification[] {
  const rank = (notification: Notification) => (notification.level === 'error' ? 0 : 1);
  const path = (notification: Notification) => pathOf(notification.locations?.[0]?.physicalLocation?.artifactLocation);
  return [...notifications].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compareStrings(path(a), path(b)) ||
      compareStrings(a.associatedRule?.id ?? '', b.associatedRule?.id ?? ''),
  );
}

/** The display path an artifact location was written from (check sorts by it). */
function pathOf(location: { uri?: string; uriBaseId?: string } | undefined): string {
  const uri = location?.uri ?? '';
  if (location?.uriBaseId === SRCROOT) return uri.split('/').map(decodeURIComponent).join('/');
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

function shardOfRun(run: Run): ShardMark {
  const match = /^goodput\/shard-(\d+)-of-(\d+)\/$/.exec(run.automationDetails?.id ?? '');
  return match ? { index: Number(match[1]), count: Number(match[2]) } : null;
}

/** Either whole runs (nothing to check), or shards 1..n of one n, each exactly once. */
function checkShards(marks: ReadonlyArray<{ name: string; shard: ShardMark }>): void {
  const sharded = marks.filter((mark) => mark.shard !== null);
  if (sharded.length === 0) return;
  if (sharded.length !== marks.length) throw new UsageError('cannot merge shard outputs with unsharded ones', false);
  const count = sharded[0]!.shard!.count;
  if (sharded.some((mark) => mark.shard!.count !== count))
    throw new UsageError('the inputs come from different --shard counts', false);
  const seen = new Map<number, string>();
  for (const { name, shard } of sharded) {
    const earlier = seen.get(shard!.index);
    if (earlier) throw new UsageError(`shard ${shard!.index}/${count} given twice (${earlier} and ${name})`, false);
    seen.set(shard!.index, name);
  }
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) {
    throw new UsageError(
      `missing shard${missing.length === 1 ? '' : 's'} ${missing.map((index) => `${index}/${count}`).join(', ')}`,
      false,
    );
  }
}

function checkDistinct(paths: readonly string[]): void {
  const repeated = paths.find((path, index) => index > 0 && paths[index - 1] === path);
  if (repeated) throw new UsageError(`${repeated} is in more than one input`, false);
}
