// Records built from names a workflow or its environment supplies (the model's env; at run time
// inputs, env, branch names, workflow outputs, keys of evaluated objects, header names). `o[k] = v`
// with k `__proto__` on a plain object calls Object.prototype's setter, which sets the object's prototype (or does
// nothing for a value that is not an object) instead of adding the key: `${inputs.__proto__}` came
// out empty. These helpers keep every such key an own property; the records keep their prototype,
// as the events and the tests compare them as plain objects. (Lookup tables keyed by such names are
// name-table.ts's.)

/** Sets `o[k] = v` as an own, enumerable, writable property, also when `k` is `__proto__`. */
export function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

/** `o[k]` when `o` has it as its own property, else undefined (never a member of Object.prototype). */
export function getOwn<T>(o: Record<string, T>, k: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}
