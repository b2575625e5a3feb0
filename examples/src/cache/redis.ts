import { Redis } from 'ioredis';

const MAX_RECONNECT_ATTEMPTS = 30;

// The cache is an optimisation. While Redis is unreachable, commands fail fast and callers
// read from Postgres instead of waiting in the offline queue. After about two minutes of
// failed reconnects the readiness probe fails and the pod is replaced.
export const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379', {
  connectTimeout: 2_000,
  commandTimeout: 250,
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  retryStrategy: (times) =>
    times > MAX_RECONNECT_ATTEMPTS
      ? null
      : Math.min(50 * 2 ** times, 5_000) + Math.floor(Math.random() * 250),
});

redis.on('error', (err) => console.warn('redis', err.message));
