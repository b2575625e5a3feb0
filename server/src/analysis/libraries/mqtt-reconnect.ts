import type { ts } from '../../typescript';
import { isObjectValue } from './object-properties';
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
export function mqttReconnect(node: ts.CallExpression | ts.NewExpression, callee: Value, values: ValueResolver): LibraryRetry | undefined {
  if (callee.kind !== 'module' || callee.module !== MQTT_MODULE) return undefined;
  const name = callee.path.join('.');
  if (name !== '' && name !== 'connect' && name !== 'connectAsync') return undefined;
  const args = node.arguments ?? [];
  const first = args[0];
  // `connect(url, options)`, `connect(options)`, `connect(url)` or `connect()`.
  const optionsIndex = args.length >= 2 ? 1 : first && isObjectValue(values.resolve(first)) ? 0 : -1;
  const options = new RetryOptions(optionsIndex === -1 ? undefined : args[optionsIndex], values);
  const periodMs = options.number('reconnectPeriod', DEFAULT_RECONNECT_PERIOD_MS);
  if (periodMs === undefined || periodMs <= 0) return undefined;
  const written = options.get('reconnectPeriod').kind !== 'absent';
  return {
    library: 'mqtt',
    node,
    schedule: {
      source: written ? 'mqtt reconnectPeriod' : 'mqtt default reconnectPeriod',
      attempts: Infinity,
      delay: { kind: 'fixed', ms: periodMs },
      jitter: 'none',
      reconnect: true,
    },
  };
}
