import { createHash } from 'node:crypto';
import { ts } from '../../typescript';
import type { Finding } from '../../analysis';
import { symbolPathsOf } from './symbol-path';

// A finding's identity across commits, for SARIF `partialFingerprints` (code scanning uses it to
// tell "same alert, moved" from "new alert"), baselines and `--changed-since`. Line numbers are
// deliberately not in it: an edit above the finding must not make it new. The semantic
// fingerprint hashes:
//   rule id + relative path + the enclosing symbol path ("OrderService > load", symbol-path.ts)
//   + the flagged code as tokens (comments and whitespace dropped, so reformatting does not matter)
//   + which occurrence of those same tokens it is, among this rule's findings in the same symbol
//   (so two identical `fetch(url)` calls stay distinct).
// Changing the recipe changes every fingerprint: bump the key's version when you do.

export const FINGERPRINT_KEY = 'goodput/v2';
/** The key GitHub code scanning reads first; when present it does not compute its own. */
export const LINE_HASH_KEY = 'primaryLocationLineHash';

export interface FindingFingerprint {
  /** 32 hex digits: the semantic identity described above. */
  semantic: string;
  /** Hash of the flagged line's text (whitespace removed) and its occurrence: `<16 hex>:<n>`. */
  lineHash: string;
  /** Enclosing declarations, outermost first, joined by " > "; "" at module level. */
  symbol: string;
}

/** Fingerprints for one file's findings, in the order given (which must be position order). */
export function fingerprintFindings(
  findings: readonly Finding[],
  displayPath: string,
  text: string | undefined,
): FindingFingerprint[] {
  const symbols =
    text === undefined
      ? findings.map(() => '')
      : symbolPathsOf(
          displayPath,
          text,
          findings.map((f) => f.span),
        );
  const lines = text?.split(/\r?\n/);
  const seen = new Map<string, number>();
  const seenLines = new Map<string, number>();
  return findings.map((finding, index) => {
    const symbol = symbols[index]!;
    const code = normalizeSource(text?.slice(finding.span.start, finding.span.end) ?? '');
    const key = [finding.ruleId, symbol, code].join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const line = (lines?.[finding.span.startPos.line - 1] ?? '').replace(/\s+/g, '');
    const lineDigest = sha256([finding.ruleId, line].join('\u0000')).slice(0, 16);
    const lineOccurrence = (seenLines.get(lineDigest) ?? 0) + 1;
    seenLines.set(lineDigest, lineOccurrence);
    return {
      semantic: fingerprint(finding.ruleId, displayPath, symbol, code, occurrence),
      lineHash: `${lineDigest}:${lineOccurrence}`,
      symbol,
    };
  });
}

export function fingerprint(
  ruleId: string,
  displayPath: string,
  symbol: string,
  normalizedCode: string,
  occurrence: number,
): string {
  // NUL separators: no field can run into the next ("a" + "bc" vs "ab" + "c").
  return sha256([ruleId, displayPath, symbol, normalizedCode, String(occurrence)].join('\u0000')).slice(0, 32);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The code's tokens joined by one space: whitespace and comments do not count, so `fetch(\n  url)`,
 * `fetch(url,)` and the same call with a comment inside (what formatters and reviewers change) are alike.
 */
export function normalizeSource(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const tokens: string[] = [];
  while (scanner.scan() !== ts.SyntaxKind.EndOfFileToken) {
    const token = scanner.getTokenText();
    // A formatter adds a trailing comma when it breaks a call over lines; the code is the same.
    if (/^[)\]}]$/.test(token) && tokens[tokens.length - 1] === ',') tokens.pop();
    tokens.push(token);
  }
  return tokens.join(' ');
}
