/** Keeps the `n` largest items by `key` while streaming, so memory stays bounded by n. */
export interface TopN<T> {
  readonly n: number;
  readonly items: T[];
  readonly keys: number[];
}

export const createTopN = <T>(n: number): TopN<T> => ({ n, items: [], keys: [] });

export function offer<T>(top: TopN<T>, key: number, make: () => T): void {
  const { items, keys, n } = top;
  if (n <= 0) return;
  if (keys.length === n && key <= keys[keys.length - 1]) return;
  // keys are kept in descending order; insert after equal keys (stable)
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] >= key) lo = mid + 1;
    else hi = mid;
  }
  keys.splice(lo, 0, key);
  items.splice(lo, 0, make());
  if (keys.length > n) {
    keys.pop();
    items.pop();
  }
}
