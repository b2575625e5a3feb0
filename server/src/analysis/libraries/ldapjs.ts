import type { ts } from '../../typescript';
import { readDuration } from './durations';
import { argumentProperty, describeDuration, optionsSlot, type ClientTimeout, type LibraryContext } from './timeout-policy';
import type { Value } from './values';

// ldapjs: `createClient({ url, timeout, connectTimeout })`. `timeout` bounds each operation (bind,
// search …) and `connectTimeout` the connection; both default to 0, none (ldapjs 3.0.7
// lib/client/client.js, and 1.x alike). A login path that binds against a hung directory server
// waits forever, and every login behind it piles up.

export const LDAPJS_MODULE = 'ldapjs';

export function ldapjsTimeout(callee: Value, call: ts.CallExpression, context: LibraryContext): ClientTimeout | undefined {
  if (callee.kind !== 'module' || callee.module !== LDAPJS_MODULE || callee.path.join('.') !== 'createClient') return undefined;
  const timeout = argumentProperty(call, 0, 'timeout', context.values);
  const connect = argumentProperty(call, 0, 'connectTimeout', context.values);
  if (timeout.kind === 'unknown' || connect.kind === 'unknown')
    return { kind: 'unknown', summary: 'ldapjs client: options decided elsewhere' };
  const duration = timeout.kind === 'found' ? readDuration(timeout.value, context.values) : undefined;
  if (duration && duration.kind !== 'disabled')
    return { kind: 'bounded', summary: `ldapjs client: operation timeout ${describeDuration(duration)}` };
  const slot = optionsSlot(call, 0, context.values);
  const addConnect = connect.kind === 'absent';
  const fix = slot && {
    kind: 'option' as const,
    addition: {
      slot,
      text: (c: (kind: 'operation' | 'connect') => string) =>
        `timeout: ${c('operation')}` + (addConnect ? `, connectTimeout: ${c('connect')}` : ''),
      title: addConnect ? 'Set timeout: {operation} and connectTimeout: {connect}' : 'Set timeout: {operation}',
    },
  };
  const missing = {
    subject: 'ldapjs client',
    libraryDefault: 'ldapjs default: none',
    consequence: 'a bind or search against a hung directory server (a login) waits forever',
    remedy: 'Set `timeout` (each operation) and `connectTimeout`',
    constant: 'operation' as const,
  };
  // Past the bounded case, a written timeout can only be a disabled one (`0`).
  if (timeout.kind !== 'found' || !duration)
    return { kind: 'missing', summary: 'ldapjs client: no operation timeout (default: none)', missing, fix };
  return { kind: 'disabled', summary: `ldapjs client: timeout disabled (\`${duration.text}\`)`, missing, value: timeout.value };
}
