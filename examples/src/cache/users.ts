import { replica } from '../data/db';
import { redis } from './redis';

export interface UserProfile {
  id: string;
  email: string;
  displayName: string;
  tier: 'standard' | 'plus';
}

const PROFILE_TTL_SECONDS = 600;
const PROFILE_TTL_JITTER_SECONDS = 120;

// Profiles are read on every page. When a popular key expires, the requests that miss wait
// for one database read instead of each starting their own.
const inFlight = new Map<string, Promise<UserProfile | null>>();

export async function getUserProfile(id: string): Promise<UserProfile | null> {
  const key = `user:${id}:profile`;
  const cached = await redis.get(key);
  if (cached) return JSON.parse(cached) as UserProfile;

  let pending = inFlight.get(key);
  if (!pending) {
    pending = loadProfile(key, id).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

export async function invalidateUserProfile(id: string): Promise<void> {
  await redis.del(`user:${id}:profile`);
}

async function loadProfile(key: string, id: string): Promise<UserProfile | null> {
  const { rows } = await replica.query<UserProfile>(
    `SELECT id, email, display_name AS "displayName", tier FROM users WHERE id = $1`,
    [id],
  );
  const profile = rows[0] ?? null;
  if (profile) {
    await redis.set(key, JSON.stringify(profile), 'EX', profileTtlSeconds());
  }
  return profile;
}

// Profiles cached during the same burst would otherwise expire in the same second.
function profileTtlSeconds(): number {
  return PROFILE_TTL_SECONDS + Math.floor(Math.random() * PROFILE_TTL_JITTER_SECONDS);
}
