// The part of JSON Schema (2020-12) that fixtures/config.schema.json uses, checked here so the shipped
// schema is the one source of truth for editors and for `run`: type, properties, additionalProperties,
// required, enum, items, minimum, exclusiveMinimum, minLength, pattern and local $ref. Annotation
// keywords (title, description, $id) are ignored; any other keyword is refused, so the schema cannot
// promise a check nobody makes.

export interface Schema {
  type?: "object" | "array" | "string" | "number" | "integer" | "boolean";
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  pattern?: string;
  $ref?: string;
  $defs?: Record<string, Schema>;
}

const CHECKED = new Set([
  "type",
  "properties",
  "additionalProperties",
  "required",
  "enum",
  "items",
  "minimum",
  "exclusiveMinimum",
  "minLength",
  "pattern",
  "$ref",
  "$defs",
]);
const ANNOTATIONS = new Set(["$schema", "$id", "title", "description"]);

/** The first place a value breaks the schema: where (`targets.prosody.tls`) and what, in words. */
export interface SchemaProblem {
  path: string;
  message: string;
}

const show = (v: unknown) => JSON.stringify(v);

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "number" && Number.isInteger(v)) return "integer";
  return typeof v;
}

/** Names that differ only in case, dashes or underscores: `tls-ca` for `tlsCa`. */
const loose = (name: string) => name.toLowerCase().replace(/[-_]/g, "");

/** Levenshtein distance, for "did you mean": keys are short, so the plain table is enough. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

function unknownKey(key: string, known: string[]): string {
  const near =
    known.find((k) => loose(k) === loose(key)) ?? known.find((k) => distance(loose(k), loose(key)) <= 2);
  return near
    ? `unknown key "${key}" (did you mean "${near}"?)`
    : `unknown key "${key}" (known: ${known.join(", ")})`;
}

export function checkSchema(root: Schema, value: unknown): SchemaProblem | undefined {
  const resolve = (s: Schema): Schema => {
    if (!s.$ref) return s;
    const name = /^#\/\$defs\/(.+)$/.exec(s.$ref)?.[1];
    const target = name ? root.$defs?.[name] : undefined;
    if (!target) throw new Error(`schema: unresolvable $ref ${s.$ref}`);
    return target;
  };
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

  function check(s0: Schema, v: unknown, path: string): SchemaProblem | undefined {
    const s = resolve(s0);
    for (const k of Object.keys(s))
      if (!CHECKED.has(k) && !ANNOTATIONS.has(k)) throw new Error(`schema: keyword ${k} is not checked`);
    const problem = (message: string) => ({ path, message });
    if (s.enum && !s.enum.some((e) => e === v))
      return problem(`must be one of ${s.enum.map(show).join(", ")}, not ${show(v)}`);
    const t = typeOf(v);
    if (s.type && t !== s.type && !(s.type === "number" && t === "integer"))
      return problem(`must be ${s.type === "integer" ? "a whole number" : `a ${s.type}`}, not ${show(v)}`);
    if (typeof v === "number") {
      if (s.minimum !== undefined && v < s.minimum) return problem(`must be at least ${s.minimum}`);
      if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum)
        return problem(`must be more than ${s.exclusiveMinimum}`);
    }
    if (typeof v === "string") {
      if (s.minLength !== undefined && v.length < s.minLength) return problem("must not be empty");
      if (s.pattern && !new RegExp(s.pattern, "u").test(v))
        return problem(`${show(v)} does not match ${s.pattern}`);
    }
    if (Array.isArray(v) && s.items) {
      for (const [i, item] of v.entries()) {
        const p = check(s.items, item, `${path}[${i}]`);
        if (p) return p;
      }
    }
    if (t === "object") return checkObject(s, v as Record<string, unknown>, path);
    return undefined;
  }

  function checkObject(s: Schema, o: Record<string, unknown>, path: string): SchemaProblem | undefined {
    for (const k of s.required ?? []) if (!(k in o)) return { path, message: `needs "${k}"` };
    const props = s.properties ?? {};
    for (const [k, v] of Object.entries(o)) {
      const sub =
        props[k] ?? (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined);
      if (sub) {
        const p = check(sub, v, at(path, k));
        if (p) return p;
      } else if (s.additionalProperties === false)
        return { path, message: unknownKey(k, Object.keys(props)) };
    }
    return undefined;
  }

  return check(root, value, "");
}
