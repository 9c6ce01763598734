/** A seeded random source (mulberry32), so a failing reliability run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RELIABILITY_SEED if set, else a fresh one; tests print it. */
export function seedFromEnv(): number {
  const text = process.env.RELIABILITY_SEED;
  return text && /^\d+$/.test(text) ? Number(text) : Math.floor(Math.random() * 2 ** 31);
}

/** RELIABILITY_TRIALS (how many crash trials, fuzz runs…), or the given default. */
export function trialsFromEnv(fallback: number): number {
  const text = process.env.RELIABILITY_TRIALS;
  return text && /^[1-9]\d*$/.test(text) ? Number(text) : fallback;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
