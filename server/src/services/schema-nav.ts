// Walks the Weft JSON Schema along a YAML key path (as yaml-path.ts reports it) to find the
// properties that may appear there, their descriptions and their enum values. Follows $ref,
// allOf/anyOf/oneOf, the `then` and `else` of an `if`, items, properties, patternProperties and
// additionalProperties. An `if` is never evaluated against the document (the value being typed is
// usually incomplete, `topic:` with nothing under it yet): both branches are what may be written
// there, and the condition itself (`if`), like `not`, names what must or must not hold, not what
// to offer, so it is not followed.
import type { PathSeg } from './yaml-path.js';

export type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  required?: string[];
  [k: string]: unknown;
} | boolean;

export class SchemaNav {
  constructor(private readonly root: JsonSchema) {}

  private resolveRef(ref: string): JsonSchema | undefined {
    if (!ref.startsWith('#')) return undefined;
    let cur: unknown = this.root;
    for (const raw of ref.slice(1).split('/').filter(Boolean)) {
      const part = decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    return cur as JsonSchema | undefined;
  }

  /** The schema itself plus every alternative it combines (and both branches of an `if`), with $refs followed. */
  expand(s: JsonSchema | undefined, seen = new Set<unknown>()): Exclude<JsonSchema, boolean>[] {
    if (!s || typeof s !== 'object' || seen.has(s)) return [];
    seen.add(s);
    const out: Exclude<JsonSchema, boolean>[] = [s];
    if (s.$ref) out.push(...this.expand(this.resolveRef(s.$ref), seen));
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) for (const sub of s[k] ?? []) out.push(...this.expand(sub, seen));
    // Without an `if`, `then` and `else` mean nothing (draft-07 ignores them).
    if (s.if !== undefined) for (const k of ['then', 'else'] as const) out.push(...this.expand(s[k], seen));
    return out;
  }

  /** Schemas of the value at `path` (keys, and '[]' for items). */
  at(path: PathSeg[]): Exclude<JsonSchema, boolean>[] {
    let cur = this.expand(this.root);
    for (const seg of path) {
      const next: JsonSchema[] = [];
      for (const s of cur) {
        if (seg === '[]') {
          if (Array.isArray(s.items)) next.push(...s.items);
          else if (s.items) next.push(s.items);
          if (s.prefixItems) next.push(...s.prefixItems);
          continue;
        }
        // Own keys only: a key `constructor` or `toString` in a workflow is not Object.prototype's.
        if (s.properties && Object.hasOwn(s.properties, seg)) { next.push(s.properties[seg]); continue; }
        let matched = false;
        for (const [pat, sub] of Object.entries(s.patternProperties ?? {})) {
          try { if (new RegExp(pat, 'u').test(seg)) { next.push(sub); matched = true; } } catch { /* bad pattern */ }
        }
        if (!matched && s.additionalProperties && typeof s.additionalProperties === 'object') next.push(s.additionalProperties);
      }
      const seen = new Set<unknown>();
      cur = next.flatMap((n) => this.expand(n, seen));
      if (!cur.length) break;
    }
    return cur;
  }

  /** Properties allowed in the mapping at `path`, with the first description found for each. */
  properties(path: PathSeg[]): Map<string, { description?: string; schemas: Exclude<JsonSchema, boolean>[] }> {
    const out = new Map<string, { description?: string; schemas: Exclude<JsonSchema, boolean>[] }>();
    for (const s of this.at(path)) {
      for (const [name, sub] of Object.entries(s.properties ?? {})) {
        const subs = this.expand(sub);
        let e = out.get(name);
        if (!e) out.set(name, (e = { schemas: [] }));
        e.schemas.push(...subs);
        e.description ??= describe(subs);
      }
    }
    return out;
  }

  /** Description of the value at `path`. */
  description(path: PathSeg[]): string | undefined {
    if (!path.length) return undefined;
    const parent = this.properties(path.slice(0, -1)).get(path[path.length - 1]);
    return parent?.description ?? describe(this.at(path));
  }

  /** Enum / const / boolean values allowed at `path`. */
  values(path: PathSeg[]): unknown[] {
    const out: unknown[] = [];
    const add = (v: unknown) => { if (!out.some((o) => o === v)) out.push(v); };
    for (const s of this.at(path)) {
      for (const v of s.enum ?? []) add(v);
      if ('const' in s) add(s.const);
      const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
      if (types.includes('boolean')) { add(true); add(false); }
    }
    return out;
  }
}

function describe(schemas: Exclude<JsonSchema, boolean>[]): string | undefined {
  for (const s of schemas) {
    const d = s.markdownDescription ?? s.description;
    if (typeof d === 'string' && d) return d;
  }
  return undefined;
}
