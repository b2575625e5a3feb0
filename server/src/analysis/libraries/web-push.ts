import { ts } from '../../typescript';
import { readDuration } from './durations';
import { argumentProperty, describeDuration, optionsSlot, type ClientTimeout, type LibraryContext } from './timeout-policy';
import type { Value } from './values';

// web-push: `sendNotification(subscription, payload, options)` posts to the browser vendor's push
// service with `https.request`. Its `timeout` option (ms; web-push 3.6.7 src/web-push-lib.js)
// sets the socket's idle timeout and destroys the request when it fires; without it nothing bounds
// the request. Before 3.4.4 there is no such option, and an unknown option key throws. A push service that stalls during a
// broadcast leaves one open request per notification.

export const WEB_PUSH_MODULE = 'web-push';

export function webPushTimeout(callee: Value, call: ts.CallExpression, context: LibraryContext): ClientTimeout | undefined {
  if (callee.kind !== 'module' || callee.module !== WEB_PUSH_MODULE || callee.path.join('.') !== 'sendNotification')
    return undefined;
  const timeout = argumentProperty(call, 2, 'timeout', context.values);
  if (timeout.kind === 'unknown') return { kind: 'unknown', summary: 'web-push: options decided elsewhere' };
  const missing = {
    subject: '`webpush.sendNotification`',
    libraryDefault: 'web-push default: none',
    consequence: 'a stalled push service holds one request open per notification',
    remedy: 'Pass `{ timeout: ms }` as its options',
  };
  // Only a call that already passes a payload can take options after it.
  const slot = call.arguments.length >= 2 ? optionsSlot(call, 2, context.values) : undefined;
  // Before 3.4.4 an unknown option key throws: the fix is offered, not applied by fix-all.
  const fix = slot && {
    kind: 'option' as const,
    addition: {
      slot,
      text: (c: (kind: 'http') => string) => `timeout: ${c('http')}`,
      title: 'Set timeout: {http} (web-push 3.4.4 or later)',
      suggestion: true,
    },
  };
  if (timeout.kind === 'absent') return { kind: 'missing', summary: 'web-push: no timeout (default: none)', missing, fix };
  const duration = readDuration(timeout.value, context.values);
  if (duration.kind !== 'disabled') return { kind: 'bounded', summary: `web-push: socket idle timeout ${describeDuration(duration)}` };
  return { kind: 'disabled', summary: `web-push: timeout disabled (\`${duration.text}\`)`, missing, value: timeout.value };
}
