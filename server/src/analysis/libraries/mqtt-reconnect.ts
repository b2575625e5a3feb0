import { ts } from '../../typescript';
import { constInitializer } from '../scope';
import { evaluateNumber } from './durations';
import { isObjectValue } from './object-properties';
import { skipOuterExpressions } from './outer-expressions';
import type { Value, ValueResolver } from './values';
import type { LibraryRetry } from './library-retry';
import { RetryOptions } from './retry-options';

// How MQTT.js reconnects after the broker drops the connection. `reconnectPeriod` (default 1000 ms;
// 0 turns reconnecting off) is the period of a `setInterval` that calls `connect` again until it
// succeeds: a fixed interval, no jitter, no cap (mqtt 5.16 build/lib/client.js `_setupReconnect`;
// 3.x and 4.x the same). When a broker restarts, every client of the fleet reconnects on the same
// beat. MQTT.js has no backoff option, so there is no option to fix: the rule's page says how.

export const MQTT_MODULE = 'mqtt';

const DEFAULT_RECONNECT_PERIOD_MS = 1000;

/** `mqtt.connect([url,] options)` and `mqtt.connectAsync(url, options)`: the reconnect schedule. */
export function mqttReconnect(
  node: ts.CallExpression | ts.NewExpression,
  callee: Value,
  values: ValueResolver,
): LibraryRetry | undefined {
  if (callee.kind !== 'module' || callee.module !== MQTT_MODULE) return undefined;
  const name = callee.path.join('.');
  if (name !== '' && name !== 'connect' && name !== 'connectAsync') return undefined;
  const args = node.arguments ?? [];
  const first = args[0];
  // `connect(url, options)`, `connect(options)`, `connect(url)` or `connect()`.
  const optionsIndex = args.length >= 2 ? 1 : first && isObjectValue(values.resolve(first)) ? 0 : -1;
  const options = new RetryOptions(optionsIndex === -1 ? undefined : args[optionsIndex], values);
  const periodMs = options.number('reconnectPeriod', DEFAULT_RECONNECT_PERIOD_MS);
  // `config.period || 5000` is some period we cannot read, but never 0: mqtt reconnects, on a fixed beat.
  const writtenAs = options.written('reconnectPeriod');
  const reconnects = periodMs !== undefined ? periodMs > 0 : writtenAs !== undefined && neverZero(writtenAs, values);
  if (!reconnects) return undefined;
  return {
    library: 'mqtt',
    node,
    schedule: {
      source: writtenAs !== undefined ? 'mqtt reconnectPeriod' : 'mqtt default reconnectPeriod',
      attempts: Infinity,
      delay: periodMs === undefined ? { kind: 'fixed' } : { kind: 'fixed', ms: periodMs },
      jitter: 'none',
      reconnect: true,
    },
  };
}

/** `x || 5000`, directly or through a `const`: falls back to a positive number whenever `x` is 0. */
function neverZero(expression: ts.Expression, values: ValueResolver, depth = 0): boolean {
  const node = skipOuterExpressions(expression);
  if (ts.isIdentifier(node) && depth < 3) {
    const initializer = constInitializer(node);
    return initializer !== undefined && neverZero(initializer, values, depth + 1);
  }
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.BarBarToken) return false;
  const fallbackMs = evaluateNumber(node.right, values, 0);
  return fallbackMs !== undefined && fallbackMs > 0;
}
