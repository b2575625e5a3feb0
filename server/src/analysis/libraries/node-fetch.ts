import type { ts } from '../../typescript';
import { classifySignal } from './fetch';
import { readDuration } from './durations';
import { lookupProperty, optionsObject } from './object-properties';
import { describeDuration, optionsSlot, type ClientTimeout, type LibraryContext } from './timeout-policy';
import type { Value } from './values';

// node-fetch: v2 has a `timeout` option (0 = none, lib/index.js); v3 dropped it and takes only a
// `signal` — a `timeout` written for v3 is ignored (no-unenforced-timeout reports that). The
// major comes from the nearest lockfile or package.json.

export const NODE_FETCH_MODULE = 'node-fetch';

export function isNodeFetch(callee: Value): boolean {
  return callee.kind === 'module' && callee.module === NODE_FETCH_MODULE && callee.path.length === 0;
}

/** The `timeout` option of a node-fetch call, when the installed major (≥3) ignores it. */
export function ignoredNodeFetchTimeout(call: ts.CallExpression, context: LibraryContext): ts.Expression | undefined {
  const major = context.workspace.packageMajor(context.fileName, NODE_FETCH_MODULE);
  if (major === undefined || major < 3) return undefined;
  const init = optionsObject(call.arguments[1], context.values);
  const timeout = init.kind === 'object' ? lookupProperty(init.node, 'timeout', context.values) : init;
  return timeout.kind === 'found' ? timeout.value : undefined;
}

export function nodeFetchTimeout(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  if (!isNodeFetch(callee)) return undefined;
  const major = context.workspace.packageMajor(context.fileName, NODE_FETCH_MODULE);
  const init = optionsObject(call.arguments[1], context.values);
  if (init.kind === 'unknown') return { kind: 'unknown', summary: 'node-fetch: options decided elsewhere' };
  if (init.kind === 'object') {
    const signal = lookupProperty(init.node, 'signal', context.values);
    if (signal.kind === 'unknown') return { kind: 'unknown', summary: 'node-fetch: signal decided elsewhere' };
    if (signal.kind === 'found') {
      const verdict = classifySignal(signal.value, context.values);
      if (verdict.kind === 'timed') return { kind: 'bounded', summary: `node-fetch: signal (${verdict.how})` };
      if (verdict.kind === 'unknown') return { kind: 'unknown', summary: 'node-fetch: signal decided by the caller' };
    }
    const timeout = lookupProperty(init.node, 'timeout', context.values);
    if (timeout.kind === 'unknown') return { kind: 'unknown', summary: 'node-fetch: options decided elsewhere' };
    if (timeout.kind === 'found') {
      const duration = readDuration(timeout.value, context.values);
      // With v3 the option is ignored: no-unenforced-timeout says so; this rule does not repeat it.
      if (duration.kind !== 'disabled')
        return {
          kind: 'bounded',
          summary: `node-fetch: timeout ${describeDuration(duration)}${major !== undefined && major >= 3 ? ' (ignored by node-fetch 3)' : ''}`,
        };
    }
  }
  const slot = optionsSlot(call, 1, context.values);
  const version = major === undefined ? '' : ` ${major}`;
  return {
    kind: 'missing',
    summary: `node-fetch${version}: no timeout (default: none)`,
    missing: {
      subject: '`node-fetch`',
      libraryDefault: `node-fetch${version} default: none`,
      consequence: 'a hung dependency holds the request open indefinitely',
      remedy: 'Pass `signal: AbortSignal.timeout(ms)`',
    },
    fix: slot && {
      kind: 'option',
      addition: {
        slot,
        text: (c) => `signal: AbortSignal.timeout(${c('http')})`,
        title: 'Add a timeout: signal: AbortSignal.timeout({http})',
      },
    },
  };
}
