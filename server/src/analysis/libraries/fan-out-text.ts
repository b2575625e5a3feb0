import { matchesInCode } from '../comment-lines';

// What a file's text must contain for a fan-out of each form to be found in it: the cheap
// per-file checks of no-unbounded-concurrency (no tree). Each is a necessary condition read from
// the detector it guards (fan-out-sites.ts, awaited-maps.ts); files that pass are parsed.

const COMBINATOR = /\bPromise\s*\.\s*(?:all|allSettled|any|race)\b/g;
const MAPPING = /\.\s*map\s*\(|\bArray\s*\.\s*from\s*\(/;
const PUSH = /\.\s*push\s*\(/;

/**
 * `Promise.all(xs.map(f))` and its kin (`promiseSite`): a combinator written in code, over a
 * `.map(…)` or `Array.from(…, f)`, or over an array filled with `.push(…)`.
 */
export function mayHoldPromiseFanOut(text: string): boolean {
  if (!text.includes('Promise')) return false;
  return matchesInCode(COMBINATOR, text) && (MAPPING.test(text) || PUSH.test(text));
}

const FOR_AWAIT = /\bfor\s+await\s*\(/;
const FOR_OF_NAME = /\bfor\s*\(\s*(?:const|let|var)\s+([\w$]+)\s+of\b/g;
/** `await job`, `await (job as Promise<T>)`, `await<T>job`: the name awaited. */
const AWAITED_NAME = /\bawait(?:\s*\(\s*|\s+|\s*<[^>\n]{0,120}>\s*)([\w$]+)/g;

/**
 * `for (const job of rows.map(save)) await job` (`mapAwaitedInLoop`): a mapping, and a
 * `for await` or a for-of whose element is awaited by name (`awaitsEach`). Two passes over the
 * text, whatever the number of loops.
 */
export function mayHoldAwaitedMap(text: string): boolean {
  if (!text.includes('await') || !MAPPING.test(text)) return false;
  if (FOR_AWAIT.test(text)) return true;
  const elements = new Set<string>();
  for (const match of text.matchAll(FOR_OF_NAME)) elements.add(match[1]!);
  if (elements.size === 0) return false;
  for (const match of text.matchAll(AWAITED_NAME)) if (elements.has(match[1]!)) return true;
  return false;
}
