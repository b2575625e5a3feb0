import type { RuleDefinition } from '../rule';

// The pool family: connections, waits and fan-out without bounds.
export const poolRules: readonly RuleDefinition[] = [];
