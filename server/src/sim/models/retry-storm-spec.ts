import { BACKOFFS } from '../policies/backoff';
import type { MetricSpec, ParamSpec } from '../types';

export const RETRY_POLICIES = ['none', ...BACKOFFS] as const;
export const TRIGGERS = ['none', 'outage', 'errors', 'spike'] as const;
export const DISCIPLINES = ['fifo', 'lifo', 'drop-expired'] as const;

/** Defaults: a server at ~60 % load, fixed-interval retries, a 5 s stall at t = 10 s — the metastable case. */
export const RETRY_STORM_PARAMS: ParamSpec[] = [
  { name: 'population', label: 'Client population', description: 'open: new requests arrive at ratePerSec whatever happens (a public API). closed: a fixed set of clients, each waiting for its request before thinking and sending the next.', type: 'enum', values: ['open', 'closed'], default: 'open' },
  { name: 'ratePerSec', label: 'Request rate', description: 'Open population: new requests per second (Poisson).', type: 'number', unit: '1/s', default: 240, min: 0, max: 1_000_000 },
  { name: 'clients', label: 'Clients', description: 'Closed population: number of clients.', type: 'integer', unit: 'count', default: 200, min: 1, max: 1_000_000 },
  { name: 'thinkMs', label: 'Think time', description: 'Closed population: mean pause between a request finishing and the client sending the next (exponential).', type: 'number', unit: 'ms', default: 800, min: 0, max: 3_600_000 },
  { name: 'servers', label: 'Server concurrency', description: 'Requests the server works on at once (workers, threads).', type: 'integer', unit: 'count', default: 8, min: 1, max: 100_000 },
  { name: 'serviceMs', label: 'Service time', description: 'Mean time one request takes a worker when the server is not overloaded (lognormal).', type: 'number', unit: 'ms', default: 20, min: 0.001, max: 600_000 },
  { name: 'serviceCv', label: 'Service time variability', description: 'Coefficient of variation of the service time (0 = constant).', type: 'number', unit: 'fraction', default: 0.5, min: 0, max: 10 },
  { name: 'overloadSlowdown', label: 'Slowdown under overload', description: 'Service time multiplier once the backlog reaches 4 requests per worker (contention, GC, cache misses); grows linearly up to there.', type: 'number', unit: '×', default: 1.2, min: 1, max: 100 },
  { name: 'queueLimit', label: 'Server queue limit', description: 'Requests waiting for a worker before new ones are rejected at once; 0 means no limit.', type: 'integer', unit: 'count', default: 0, min: 0, max: 10_000_000 },
  { name: 'discipline', label: 'Queue discipline', description: 'fifo: oldest first. lifo: newest first (fresh requests still meet their deadline under overload). drop-expired: oldest first, skipping requests whose client already gave up.', type: 'enum', values: DISCIPLINES, default: 'fifo' },
  { name: 'timeoutMs', label: 'Client timeout', description: 'Per-attempt client timeout; 0 means the client waits forever.', type: 'number', unit: 'ms', default: 1000, min: 0, max: 3_600_000 },
  { name: 'retry', label: 'Retry policy', description: 'none: no retries. Otherwise the delay between attempts: immediate, fixed (baseDelayMs), exponential min(cap, base·2^n), or exponential with full, equal or decorrelated jitter.', type: 'enum', values: RETRY_POLICIES, default: 'fixed' },
  { name: 'attempts', label: 'Attempts', description: 'Most attempts per request, the first one included.', type: 'integer', unit: 'count', default: 4, min: 1, max: 1000 },
  { name: 'baseDelayMs', label: 'Base delay', description: 'Fixed delay, or the base of exponential backoff.', type: 'number', unit: 'ms', default: 100, min: 0, max: 3_600_000 },
  { name: 'capDelayMs', label: 'Delay cap', description: 'Largest backoff delay.', type: 'number', unit: 'ms', default: 20_000, min: 0, max: 3_600_000 },
  { name: 'retryBudget', label: 'Retry budget', description: 'Token bucket shared by the clients: a retry costs tokens, a success earns some back, an empty bucket means no retry.', type: 'boolean', default: false },
  { name: 'budgetTokens', label: 'Budget capacity', description: 'Tokens the bucket holds (and starts with). AWS SDK standard mode: 500.', type: 'number', unit: 'tokens', default: 500, min: 0, max: 1e9 },
  { name: 'retryCostTokens', label: 'Retry cost', description: 'Tokens a retry after an error costs. AWS: 5.', type: 'number', unit: 'tokens', default: 5, min: 0, max: 1e9 },
  { name: 'timeoutRetryCostTokens', label: 'Retry cost after a timeout', description: 'Tokens a retry after a timeout costs. AWS: 10.', type: 'number', unit: 'tokens', default: 10, min: 0, max: 1e9 },
  { name: 'successRefundTokens', label: 'Refund per success', description: 'Tokens a successful request earns back. AWS: 1.', type: 'number', unit: 'tokens', default: 1, min: 0, max: 1e9 },
  { name: 'errorRate', label: 'Error rate', description: 'Fraction of served attempts the server answers with an error, all the time.', type: 'number', unit: 'fraction', default: 0, min: 0, max: 1 },
  { name: 'trigger', label: 'Trigger', description: 'outage: the server stops serving (a stall: GC, failover, a hung dependency). errors: every attempt fails fast. spike: the request rate is multiplied.', type: 'enum', values: TRIGGERS, default: 'outage' },
  { name: 'triggerAtMs', label: 'Trigger start', description: 'When the trigger begins.', type: 'number', unit: 'ms', default: 10_000, min: 0, max: 1e9 },
  { name: 'triggerDurationMs', label: 'Trigger length', description: 'How long the trigger lasts.', type: 'number', unit: 'ms', default: 5000, min: 0, max: 1e9 },
  { name: 'spikeMultiplier', label: 'Spike size', description: 'Request rate multiplier during a spike (closed population: think time divided by it).', type: 'number', unit: '×', default: 3, min: 1, max: 1000 },
  { name: 'fastFailMs', label: 'Fast failure latency', description: 'Time for a rejected or failed attempt to come back to the client.', type: 'number', unit: 'ms', default: 1, min: 0, max: 60_000 },
];

export const RETRY_STORM_METRICS: MetricSpec[] = [
  { id: 'offered', label: 'Offered load', unit: '1/s', kind: 'rate', description: 'New requests (first attempts) per second.' },
  { id: 'attempts', label: 'Attempts', unit: '1/s', kind: 'rate', description: 'Attempts sent, retries included.' },
  { id: 'throughput', label: 'Throughput', unit: '1/s', kind: 'rate', description: 'Attempts the server finished, whether or not anyone was still waiting.' },
  { id: 'goodput', label: 'Goodput', unit: '1/s', kind: 'rate', description: 'Requests answered successfully before their client gave up.' },
  { id: 'successRate', label: 'Success rate', unit: '%', kind: 'ratio', numerator: 'goodput', denominator: 'finished', description: 'Of requests that finished (succeeded or gave up) in the bucket.' },
  { id: 'latencyP50', label: 'Latency p50', unit: 'ms', kind: 'quantile', source: 'latency', q: 0.5, description: 'End to end, retries and backoff included, of finished requests.' },
  { id: 'latencyP99', label: 'Latency p99', unit: 'ms', kind: 'quantile', source: 'latency', q: 0.99 },
  { id: 'queueLength', label: 'Server queue', unit: 'count', kind: 'gauge' },
  { id: 'busy', label: 'Busy workers', unit: 'count', kind: 'gauge' },
  { id: 'wasted', label: 'Wasted work', unit: '1/s', kind: 'rate', description: 'Attempts served after their client gave up.' },
  { id: 'rejected', label: 'Rejected', unit: '1/s', kind: 'rate', description: 'Attempts failed fast: queue full or an errors trigger.' },
  { id: 'dropped', label: 'Dropped expired', unit: '1/s', kind: 'rate', description: 'Attempts the server skipped because their client had given up (drop-expired).' },
  { id: 'retryTokens', label: 'Retry budget tokens', unit: 'tokens', kind: 'gauge' },
];
