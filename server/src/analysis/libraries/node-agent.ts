import type { ts } from '../../typescript';
import {
  countBound,
  isModuleMember,
  readNumericOption,
  readOptionsArgument,
  type CountBound,
  type PoolBounds,
} from './pool-options';
import type { Value, ValueResolver } from './values';

// Node's http/https Agent (and agentkeepalive, which extends it). Defaults (lib/_http_agent.js):
// `maxSockets` Infinity per origin and `maxTotalSockets` Infinity, so a slow dependency gets a
// new socket for every request that is waiting on it. Either option bounds the count.

const AGENT_CLASSES: Array<[string, string[], string]> = [
  ['http', ['Agent'], 'http.Agent'],
  ['https', ['Agent'], 'https.Agent'],
  ['agentkeepalive', [], 'agentkeepalive Agent'],
  ['agentkeepalive', ['HttpsAgent'], 'agentkeepalive HttpsAgent'],
];

export function nodeAgentLabel(callee: Value): string | undefined {
  return AGENT_CLASSES.find(([module, path]) => isModuleMember(callee, [module], path))?.[2];
}

export function nodeAgentBounds(node: ts.NewExpression, label: string, values: ValueResolver): PoolBounds | undefined {
  const options = readOptionsArgument(node, 0, values);
  if (!options) return undefined;
  const perOrigin = readNumericOption(options, 'maxSockets', values);
  const total = readNumericOption(options, 'maxTotalSockets', values);
  if (!perOrigin || !total) return undefined;
  const unlimited: CountBound = { kind: 'none' };
  return {
    label,
    node,
    optionsIndex: 0,
    options,
    connections: tighter(
      countBound(perOrigin, unlimited, () => false),
      countBound(total, unlimited, () => false),
    ),
  };
}

function tighter(a: CountBound, b: CountBound): CountBound {
  if (a.kind === 'limit' && b.kind === 'limit') return a.count <= b.count ? a : b;
  if (a.kind === 'limit' || b.kind === 'limit') return a.kind === 'limit' ? a : b;
  return a.kind === 'dynamic' || b.kind === 'dynamic' ? { kind: 'dynamic' } : { kind: 'none' };
}
