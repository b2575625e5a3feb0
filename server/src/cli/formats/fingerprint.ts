import { createHash } from 'node:crypto';
import type { Finding } from '../../analysis';

// A finding's identity across commits, for SARIF `partialFingerprints` (code scanning uses it to
// tell "same alert, moved" from "new alert") and for baselines. Line numbers are deliberately not
// in it: an edit above the finding must not make it new. What is in it:
//   rule id + relative path + the flagged source text with whitespace collapsed (so reformatting
//   does not matter, see normalizeSource) + which occurrence of that same text, among this rule's findings in this
//   file, it is (so two identical `fetch(url)` calls stay distinct).
// Changing the recipe changes every fingerprint: bump the key's version when you do.

export const FINGERPRINT_KEY = 'goodput/v1';

/** Fingerprints for one file's findings, in the order given (which must be position order). */
export function fingerprintFindings(
  findings: readonly Finding[],
  displayPath: string,
  text: string | undefined,
): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const region = normalizeSource(text?.slice(finding.span.start, finding.span.end) ?? '');
    const key = `${finding.ruleId}\u0000${region}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return fingerprint(finding.ruleId, displayPath, region, occurrence);
  });
}

export function fingerprint(ruleId: string, displayPath: string, normalizedRegion: string, occurrence: number): string {
  const hash = createHash('sha256');
  // NUL separators: no field can run into the next ("a" + "bc" vs "ab" + "c").
  hash.update([ruleId, displayPath, normalizedRegion, String(occurrence)].join('\u0000'));
  return hash.digest('hex').slice(0, 32);
}

/**
 * Whitespace runs become one space, and disappear next to punctuation: `fetch(\n  url)` and
 * `fetch(url)` (what a formatter changes) normalise alike; `new Foo` and `newFoo` do not.
 */
export function normalizeSource(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ?([^\w$ ]) ?/g, '$1')
    .trim();
}
