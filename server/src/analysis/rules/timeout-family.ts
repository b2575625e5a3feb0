import type { RuleDefinition } from '../rule';
import noUnenforcedTimeout from './no-unenforced-timeout';
import requireDeadlinePropagation from './require-deadline-propagation';
import requireServerTimeouts from './require-server-timeouts';
import requireTimeout from './require-timeout';

// The timeout family: calls that can wait forever, timeouts that do not abort, deadlines dropped.
export const timeoutRules: readonly RuleDefinition[] = [
  requireTimeout,
  noUnenforcedTimeout,
  requireDeadlinePropagation,
  requireServerTimeouts,
] as unknown as readonly RuleDefinition[];
