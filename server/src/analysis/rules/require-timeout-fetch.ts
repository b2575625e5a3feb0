import { ts } from '../../typescript';
import type { RuleContext } from '../rule';
import { classifySignal } from '../libraries/fetch';
import { fetchForwarder, type FetchForwarder } from '../libraries/fetch-forwarders';
import { formatMs } from '../libraries/durations';
import { optionsObject, lookupProperty } from '../libraries/object-properties';
import { missingTimeoutScenario, objectArgumentSlot, type LibraryContext } from '../libraries/timeout-policy';
import { dispatcherBound } from '../libraries/undici';
import { combineSignalFix, fetchSignalFix } from '../fixes/timeout-fixes';

// require-timeout for fetch: a call of fetch, or of a wrapper that hands its options to fetch.
// Node's fetch has no timeout of its own; only a signal that a timer aborts (or a dispatcher
// with a headers timeout) bounds it.

type Options = { defaultTimeoutMs: number };

/** A call of a fetch forwarder, and the name it is called by. */
export interface ThroughWrapper {
  forwarder: FetchForwarder;
  wrapper: string;
}

/** A call of fetch, or of a wrapper that hands one argument to fetch as its options (`through`). */
export function checkFetch(
  context: RuleContext,
  library: LibraryContext,
  call: ts.CallExpression,
  options: Options,
  through?: ThroughWrapper,
): void {
  const initIndex = through ? through.forwarder.initIndex : 1;
  const initArgument = call.arguments[initIndex];
  const client = through ? `fetch through \`${through.wrapper}\`` : 'fetch';
  const init = optionsObject(initArgument, context.values);
  const signal = init.kind === 'object' ? lookupProperty(init.node, 'signal', context.values) : init;
  if (signal.kind === 'unknown') {
    if (!through && forwardsOwnParameter(call, context)) {
      context.describe(call, { summary: 'fetch: timeout decided at each call of this wrapper (the options are its parameter)', facts: { client: 'fetch' } });
    }
    return;
  }
  if (signal.kind === 'absent') {
    // A dispatcher with an explicit headersTimeout (per call or global) bounds the wait for an answer.
    const dispatcher = dispatcherBound(init.kind === 'object' ? init.node : undefined, library);
    if (dispatcher.kind === 'unknown') return;
    if (dispatcher.kind === 'set' && dispatcher.duration.kind !== 'disabled') {
      const limit =
        dispatcher.duration.kind === 'ms' ? formatMs(dispatcher.duration.ms) : `\`${dispatcher.duration.text}\``;
      return context.describe(call, {
        summary: `${client}: headers timeout ${limit} (${dispatcher.where})`,
        facts: { client: 'fetch' },
      });
    }
    const fixTarget = init.kind === 'object' ? objectArgumentSlot(initArgument!) : { kind: 'absent' as const };
    context.report({
      node: call,
      messageId: through ? 'forwardedFetchNoTimeout' : 'fetchNoTimeout',
      data: through ? { wrapper: through.wrapper, parameter: through.forwarder.parameterName } : undefined,
      policy: { summary: `${client}: no deadline (Node default: 300 s for headers, none for the whole request)`, facts: { client: 'fetch', timeoutMs: null } },
      fixes: [fetchSignalFix(call, fixTarget, options.defaultTimeoutMs, initIndex)],
      simulation: missingTimeoutScenario(options.defaultTimeoutMs),
    });
    return;
  }
  const verdict = classifySignal(signal.value, context.values);
  if (verdict.kind === 'timed') {
    const limit = verdict.ms === undefined ? 'timeout' : `timeout ${formatMs(verdict.ms)}`;
    context.describe(call, {
      summary: `${client}: ${limit} (${verdict.how})`,
      facts: { client: 'fetch', timeoutMs: verdict.ms ?? 'dynamic' },
    });
  } else if (verdict.kind === 'untimed') {
    const insideCall = signal.value.pos >= call.pos && signal.value.end <= call.end;
    context.report({
      node: call,
      messageId: 'fetchSignalUntimed',
      data: { how: verdict.how },
      policy: {
        summary: `${client}: no timeout (signal from an ${verdict.how})`,
        facts: { client: 'fetch', timeoutMs: null },
      },
      fixes: insideCall ? [combineSignalFix(signal.value, options.defaultTimeoutMs)] : [],
      simulation: missingTimeoutScenario(options.defaultTimeoutMs),
    });
  } else {
    context.describe(call, {
      summary: `${client}: timeout decided by the signal the caller passes`,
      facts: { client: 'fetch' },
    });
  }
}

/** The fetch inside a forwarder: its options are the caller's, judged at each call of the wrapper. */
function forwardsOwnParameter(call: ts.CallExpression, context: RuleContext): boolean {
  for (let node: ts.Node | undefined = call.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node)) return fetchForwarder(node, context.values) !== undefined;
  }
  return false;
}
