/** The constant require-timeout's quick fixes insert for an outbound HTTP call (no trailing newline). */
export const HTTP_TIMEOUT_CONSTANT = `// Upper bound for one outbound HTTP call. Derive it from the dependency's p99.9 latency
// and the caller's own deadline, not a guess (see docs/rules/require-timeout.md).
const HTTP_TIMEOUT_MS = 10_000;`;
