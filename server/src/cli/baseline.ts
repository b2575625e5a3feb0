import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Report } from './formats';
import { UsageError } from './io';
import { compareStrings } from './sort-order';
import { TOOL_NAME } from './tool-info';

// A baseline records the findings a team has accepted for now, so that CI on a legacy codebase
// fails only on new ones. Entries are keyed by the semantic fingerprint (formats/fingerprint.ts),
// never by line: an edit above a finding keeps it matched. The file is meant to be committed, so
// it holds no line numbers or messages that would churn, and its entries are sorted.

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  filePath: string;
  ruleId: string;
  /** Where it is, for the person reading the file ("OrderService > load"). */
  symbol: string;
  fingerprint: string;
}

interface BaselineFile {
  version: typeof BASELINE_VERSION;
  tool: typeof TOOL_NAME;
  entries: BaselineEntry[];
}

export function readBaseline(path: string, given: string): BaselineEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UsageError(`cannot read baseline ${given}: ${reason}`, false);
  }
  const file = parsed as Partial<BaselineFile> | null;
  if (file?.version !== BASELINE_VERSION || !Array.isArray(file.entries)) {
    throw new UsageError(
      `${given} is not a goodput baseline (version ${BASELINE_VERSION}); write one with --baseline-write`,
      false,
    );
  }
  return file.entries.filter((entry) => typeof entry?.fingerprint === 'string');
}

export function writeBaseline(path: string, given: string, entries: readonly BaselineEntry[]): void {
  const sorted = [...entries].sort(
    (a, b) =>
      compareStrings(a.filePath, b.filePath) ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.symbol, b.symbol) ||
      compareStrings(a.fingerprint, b.fingerprint),
  );
  const file: BaselineFile = { version: BASELINE_VERSION, tool: TOOL_NAME, entries: sorted };
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write baseline ${given}: ${(error as Error).message}`, false);
  }
}

export function baselineEntries(report: Report): BaselineEntry[] {
  return report.files.flatMap((file) =>
    file.findings.map((finding, index) => ({
      filePath: file.displayPath,
      ruleId: finding.ruleId,
      symbol: file.fingerprints[index]!.symbol,
      fingerprint: file.fingerprints[index]!.semantic,
    })),
  );
}

export interface BaselineUpdate {
  /** `--baseline`: only entries that still match a finding survive (pruning, never growth). */
  previous?: readonly BaselineEntry[];
  /** `--baseline-write` alone: the file's entries, kept for files this run did not analyze. */
  existing?: readonly BaselineEntry[];
  current: readonly BaselineEntry[];
  /** Display paths this run analyzed: entries for them are replaced, others kept while the file exists. */
  analyzed: ReadonlySet<string>;
  rootDir: string;
}

/** The entries to write: fixed findings disappear, and so do entries of deleted files. */
export function updatedBaseline(update: BaselineUpdate): BaselineEntry[] {
  const stillThere = (entry: BaselineEntry) => existsSync(resolve(update.rootDir, entry.filePath));
  if (update.previous) {
    const current = new Set(update.current.map((entry) => entry.fingerprint));
    return update.previous.filter((entry) =>
      update.analyzed.has(entry.filePath) ? current.has(entry.fingerprint) : stillThere(entry),
    );
  }
  const kept = (update.existing ?? []).filter((entry) => !update.analyzed.has(entry.filePath) && stillThere(entry));
  return [...update.current, ...kept];
}
