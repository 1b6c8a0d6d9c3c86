// Lookup tables keyed by names that a workflow or its environment supplies (a key, a property, a
// function, a provider): built without a prototype, so that `toString`, `constructor` or
// `__proto__` written in a workflow find nothing, not one of Object.prototype's members.

/** `entries` as a frozen table with no prototype: `in`, indexing and Object.keys see its own names only. */
export function nameTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
