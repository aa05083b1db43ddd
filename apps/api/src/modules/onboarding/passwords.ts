import { availableParallelism } from 'node:os';
import { hashPassword, temporaryPassword } from '../auth/password.js';

export interface InitialPassword {
  password: string;
  hash: string;
}

/** How often (passwords) the job reports progress while hashing. */
const PROGRESS_EVERY = 200;

/**
 * One temporary password per user (the same policy users.create uses) and its argon2id hash,
 * the slow part of a province import (tens of milliseconds each). Hashes run on libuv's thread
 * pool, a few at a time (the cores, at most 4: the pool's size), so a worker process keeps
 * them busy without queueing everything at once. `progress` is awaited with the count so far.
 */
export async function initialPasswords(count: number, progress: (done: number) => Promise<void>, concurrency = Math.min(4, availableParallelism())): Promise<InitialPassword[]> {
  const out = new Array<InitialPassword>(count);
  let next = 0;
  let done = 0;
  let reported = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const password = temporaryPassword();
      out[i] = { password, hash: await hashPassword(password) };
      done += 1;
      if (done - reported >= PROGRESS_EVERY) {
        reported = done;
        await progress(done);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return out;
}
