import { ts } from '../../typescript';
import { readDuration } from './durations';
import { lookupProperty, optionsObject } from './object-properties';
import { describeDuration, subjectName, type ClientTimeout, type LibraryContext } from './timeout-policy';
import type { Value } from './values';

// ky: `timeout` defaults to 10 000 ms (distribution/core/Ky.js), so a plain call is bounded.
// Only `timeout: false` switches it off — on the call, or on `ky.create`/`ky.extend`.

export const KY_MODULE = 'ky';

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);
const FACTORIES = new Set(['create', 'extend']);

function isKyClient(value: Value): boolean {
  if (value.kind === 'module' && value.module === KY_MODULE && value.path.length === 0) return true;
  if (value.kind !== 'call' || value.path.length > 0) return false;
  const callee = value.callee;
  return (
    FACTORIES.has(callee.path[callee.path.length - 1]!) &&
    isKyClient({ ...callee, path: callee.path.slice(0, -1) } as Value)
  );
}

export function kyTimeout(callee: Value, call: ts.CallExpression, context: LibraryContext): ClientTimeout | undefined {
  const last = callee.path[callee.path.length - 1];
  const parent = callee.path.length > 0 ? ({ ...callee, path: callee.path.slice(0, -1) } as Value) : undefined;
  let index: number;
  if (isKyClient(callee)) index = 1;
  else if (parent && isKyClient(parent) && METHODS.has(last!)) index = 1;
  else if (parent && isKyClient(parent) && FACTORIES.has(last!)) index = 0;
  else return undefined;
  const options = optionsObject(call.arguments[index], context.values);
  const timeout = options.kind === 'object' ? lookupProperty(options.node, 'timeout', context.values) : options;
  if (timeout.kind !== 'found') return { kind: 'bounded', summary: 'ky: timeout 10 s (ky default)', timeoutMs: 10_000 };
  const duration =
    timeout.value.kind === ts.SyntaxKind.FalseKeyword
      ? { kind: 'disabled' as const, text: 'false' }
      : readDuration(timeout.value, context.values);
  if (duration.kind !== 'disabled') return { kind: 'bounded', summary: `ky: timeout ${describeDuration(duration)}` };
  const subject = index === 0 ? subjectName(call, 'ky instance') : '`ky`';
  return {
    kind: 'disabled',
    summary: `ky: timeout disabled (\`${duration.text}\`)`,
    value: timeout.value,
    missing: {
      subject,
      libraryDefault: `\`timeout: ${duration.text}\` overrides ky's 10 s default`,
      consequence: 'a hung dependency holds the request indefinitely',
      remedy: "Use a finite timeout derived from the dependency's latency",
    },
  };
}
