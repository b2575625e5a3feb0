import { createHash } from 'node:crypto';
import { UsageError } from './io';

// `--shard i/n`: which files this CI job analyzes. A file's shard depends only on its path
// relative to the root (a hash), not on which other files exist: adding a file never moves the
// others, every machine agrees, and the shards of one run partition the file set exactly.

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new UsageError(`--shard expects <i>/<n> with 1 <= i <= n (e.g. 2/4), got '${value}'`);
  }
  return { index, count };
}

/** The 1-based shard a file belongs to among `count`. */
export function shardOf(displayPath: string, count: number): number {
  const digest = createHash('sha256').update(displayPath).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(displayPath: string, shard: Shard): boolean {
  return shardOf(displayPath, shard.count) === shard.index;
}
