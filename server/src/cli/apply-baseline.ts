import { resolve } from 'node:path';
import { baselineEntries, readBaseline, updatedBaseline, writeBaseline } from './baseline';
import type { CheckOptions } from './check-options';
import { filterReport, type Report } from './formats/report';

// --baseline / --baseline-write on a report. The report shows what is not in the baseline in use:
//   --baseline F                      findings not in F (new ones fail the check)
//   --baseline-write F                records every finding in F, so nothing is left to show
//   --baseline F --baseline-write F   shows new findings, and rewrites F without the entries of
//                                     fixed findings: the baseline only ever shrinks this way
// Accepting new findings into the baseline takes a deliberate `--baseline-write` alone.

export interface BaselineContext {
  cwd: string;
  rootDir: string;
  /** Display paths of the files this run analyzed (entries of other files are kept). */
  analyzed: ReadonlySet<string>;
  warn(message: string): void;
}

export function applyBaseline(
  report: Report,
  options: Pick<CheckOptions, 'baseline' | 'baselineWrite'>,
  context: BaselineContext,
): Report {
  const current = baselineEntries(report);
  const previous =
    options.baseline === undefined ? undefined : readBaseline(resolve(context.cwd, options.baseline), options.baseline);
  let accepted = new Set((previous ?? []).map((entry) => entry.fingerprint));

  if (options.baselineWrite !== undefined) {
    const path = resolve(context.cwd, options.baselineWrite);
    const existing = previous ? undefined : readIfPresent(path, options.baselineWrite);
    const entries = updatedBaseline({
      previous,
      existing,
      current,
      analyzed: context.analyzed,
      rootDir: context.rootDir,
    });
    writeBaseline(path, options.baselineWrite, entries);
    const written = new Set(entries.map((entry) => entry.fingerprint));
    const pruned = (previous ?? existing ?? []).filter((entry) => !written.has(entry.fingerprint)).length;
    context.warn(
      `baseline ${options.baselineWrite}: ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}` +
        (pruned > 0 ? `, ${pruned} pruned (fixed or gone)` : ''),
    );
    if (!previous) accepted = written;
  }

  const filtered = filterReport(report, (_finding, fingerprint) => !accepted.has(fingerprint.semantic));
  const hidden = current.length - filtered.files.reduce((sum, file) => sum + file.findings.length, 0);
  if (hidden > 0 && options.baseline !== undefined) {
    context.warn(`${hidden} ${hidden === 1 ? 'finding is' : 'findings are'} in the baseline and not shown`);
  }
  return filtered;
}

function readIfPresent(path: string, given: string) {
  try {
    return readBaseline(path, given);
  } catch {
    return undefined;
  }
}
