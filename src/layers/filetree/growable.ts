/** Typed arrays that grow by doubling: compact columns for millions of entries. */
type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
type Ctor<T extends TypedArray> = { new (n: number): T };

export function grow<T extends TypedArray>(arr: T, need: number, ctor: Ctor<T>, fill?: number): T {
  if (need <= arr.length) return arr;
  let n = Math.max(16, arr.length);
  while (n < need) n *= 2;
  const next = new ctor(n);
  if (fill !== undefined) next.fill(fill as never);
  next.set(arr as never);
  return next;
}
