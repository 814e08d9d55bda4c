/** A reproducible pseudo-random sequence (a linear congruential generator) for generated test cases. */
export function seeded(seed: number): { rnd: () => number; pick: <T>(from: ArrayLike<T>) => T } {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  return { rnd, pick: <T>(from: ArrayLike<T>): T => from[Math.floor(rnd() * from.length)]! };
}
