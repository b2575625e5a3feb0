import type { RuleDefinition } from '../rule';
import requireTimeout from './require-timeout';

// The timeout family: calls that can wait forever, timeouts that do not abort, deadlines dropped.
export const timeoutRules: readonly RuleDefinition[] = [requireTimeout as unknown as RuleDefinition];
