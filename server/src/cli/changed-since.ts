import { Analyzer, type Finding, type ResolvedConfig } from '../analysis';
import { fingerprintFindings } from './formats/fingerprint';
import { compareFindings, displayPathOf, filterReport, type Report } from './formats/report';
import { readAtCommit, type ChangeSet, type FileChange } from './git-changes';

// `--changed-since <ref>`: the findings a change is responsible for. A finding counts when
//   1. its code, or one of its related locations, is on a line that changed; or
//   2. it is new, or its effective policy changed, although its own lines did not: a timeout
//      removed from an axios instance or from `axios.defaults` in another module makes calls that
//      nobody touched unbounded. To see those, the files with remaining findings are analyzed
//      again as they were at the base (with every changed file at its base version) and each
//      finding is looked up there by its semantic fingerprint and its policy facts.

export interface ChangedSinceInput {
  report: Report;
  changes: ChangeSet;
  /** The git root: ChangeSet paths are relative to it (and so are the report's display paths). */
  topLevel: string;
  config: ResolvedConfig;
  /** Current texts of every file the run loaded, by absolute path. */
  texts: ReadonlyMap<string, string>;
  /** Whether a file deleted since the base would have been part of this run (source, not ignored). */
  wouldAnalyze(file: string): boolean;
  readFile(file: string): string | undefined;
}

export async function keepChangedFindings(input: ChangedSinceInput): Promise<Report> {
  const { report, changes, topLevel } = input;
  const touched = (finding: Finding): boolean =>
    touches(
      changes.files.get(displayPathOf(finding.file, topLevel)),
      finding.span.startPos.line,
      finding.span.endPos.line,
    ) ||
    finding.related.some((related) =>
      touches(
        changes.files.get(displayPathOf(related.file, topLevel)),
        related.span.startPos.line,
        related.span.endPos.line,
      ),
    );
  const untouchedFiles = report.files.filter((file) => file.findings.some((finding) => !touched(finding)));
  const nothingChanged = changes.files.size === 0 && changes.deleted.length === 0;
  const atBase =
    nothingChanged || untouchedFiles.length === 0
      ? new Map()
      : await baseIdentities(
          input,
          untouchedFiles.map((file) => file.file),
        );
  return filterReport(report, (finding, fingerprint, file) => {
    if (touched(finding)) return true;
    const before = atBase.get(file.file);
    return before !== undefined && !before.has(identityOf(finding, fingerprint.semantic));
  });
}

/** Whether lines `[startLine, endLine]` of a file include a changed line or a deletion point. */
export function touches(change: FileChange | undefined, startLine: number, endLine: number): boolean {
  if (!change) return false;
  if (change.kind === 'added') return true;
  for (let line = startLine; line <= endLine; line++) if (change.lines.has(line)) return true;
  // Removing a property inside a multi-line call changes the call, though no remaining line did.
  return change.deletedAfter.some((after) => after >= startLine && after < endLine);
}

/** Same code in the same place, with the same effective policy and the same simulated scenario. */
function identityOf(finding: Finding, semantic: string): string {
  return JSON.stringify([semantic, finding.messageId, finding.policy?.facts ?? null, finding.simulation ?? null]);
}

/** For each of `files`, the identities of its findings at the base (files new since then: none). */
async function baseIdentities(input: ChangedSinceInput, files: readonly string[]): Promise<Map<string, Set<string>>> {
  const { changes, topLevel } = input;
  const absolute = (path: string) => `${topLevel.replace(/\/$/, '')}/${path}`;
  const modified = [...changes.files].filter(([, change]) => change.kind === 'modified').map(([path]) => path);
  const deleted = changes.deleted.filter((path) => input.wouldAnalyze(absolute(path)));
  const baseTexts = await readAtCommit(topLevel, changes.base, [...modified, ...deleted]);

  const analyzer = new Analyzer({ config: input.config, readFile: input.readFile, rootDir: topLevel });
  for (const [file, text] of input.texts) {
    const change = changes.files.get(displayPathOf(file, topLevel));
    if (change?.kind === 'added') continue;
    analyzer.setFile(file, change ? (baseTexts.get(displayPathOf(file, topLevel)) ?? text) : text);
  }
  for (const path of deleted) {
    const text = baseTexts.get(path);
    if (text !== undefined) analyzer.setFile(absolute(path), text);
  }

  const identities = new Map<string, Set<string>>();
  for (const file of files) {
    const displayPath = displayPathOf(file, topLevel);
    if (changes.files.get(displayPath)?.kind === 'added') continue;
    const findings = [...analyzer.analyzeFile(file).findings].sort(compareFindings);
    const fingerprints = fingerprintFindings(findings, displayPath, analyzer.files.getText(file));
    identities.set(file, new Set(findings.map((finding, index) => identityOf(finding, fingerprints[index]!.semantic))));
  }
  return identities;
}
