/**
 * Parameter specs of the API table and the one check that applies them. The client checks the
 * callbacks (functions do not cross the bridge); the simulator checks everything else, so a raw
 * bridge call is checked too. Unknown keys are ignored, as the client does (Tencent's examples
 * pass keys their tables do not list).
 *
 * @module
 */

/** The type of one parameter field. `string|number` accepts either (e.g. `timestamp`). */
export type FieldType =
  | "string"
  | "number"
  | "boolean"
  | "function"
  | "string|number"
  | "string[]"
  | "array"
  | "object";

/** One field of an options object. */
export interface FieldSpec {
  readonly type: FieldType;
  /** Must be present (callbacks never are). */
  readonly required?: boolean;
  /** The only accepted values (compared with `===`). */
  readonly values?: readonly (string | number)[];
  /** For strings: must start with `http://` or `https://` (`"http"`) or `https://` (`"https"`). */
  readonly url?: "http" | "https";
  /** What to pass instead, added to a type or missing-field problem. */
  readonly hint?: string;
}

/**
 * What an API takes: nothing; one options object (`optional`: it may be left out); or one
 * plain value (`app.compare(version)`, `permission.checkJsApiConfig(timeout?)`).
 */
export type ParamSpec =
  | { readonly kind: "none" }
  | {
      readonly kind: "object";
      readonly optional?: boolean;
      readonly fields: Readonly<Record<string, FieldSpec>>;
    }
  | { readonly kind: "value"; readonly name: string; readonly field: FieldSpec };

/** No parameters. */
export const NO_PARAMS: ParamSpec = Object.freeze({ kind: "none" });

const describe = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function typeOk(type: FieldType, v: unknown): boolean {
  switch (type) {
    case "string|number":
      return typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
    case "string[]":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
    case "array":
      return Array.isArray(v);
    case "object":
      return isPlainObject(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    default:
      return typeof v === type;
  }
}

/** The problem with one field value, or `""`. */
export function fieldProblem(name: string, spec: FieldSpec, v: unknown): string {
  const hint = spec.hint ? ` (${spec.hint})` : "";
  if (v === undefined) return spec.required ? `${name} is required (${spec.type})${hint}` : "";
  if (!typeOk(spec.type, v)) return `${name} must be ${spec.type}, got ${describe(v)}${hint}`;
  if (spec.values && !spec.values.includes(v as string | number)) {
    return `${name} must be one of ${spec.values.map((x) => JSON.stringify(x)).join(", ")}, got ${JSON.stringify(v)}`;
  }
  if (spec.url && typeof v === "string" && v !== "") {
    const ok = spec.url === "https" ? /^https:\/\//i.test(v) : /^https?:\/\//i.test(v);
    if (!ok)
      return `${name} must start with ${spec.url === "https" ? "https://" : "http:// or https://"}`;
  }
  return "";
}

/**
 * Checks one call's argument against its spec; returns the problem (with the API name and what
 * to pass), or `""` when it is fine.
 *
 * @param api The public name, for the message.
 * @param spec The entry's {@link ParamSpec}.
 * @param arg The first argument.
 * @param skip `"functions"`: skip function fields (the simulator, which never sees them);
 *   `"data"`: check only function fields (the client, before stripping them).
 * @example
 * ```ts
 * checkParams("ui.setWindowShareMode", JSAPI_TABLE.uiSetWindowShareMode.params, {}); // "…mode is required…"
 * ```
 */
export function checkParams(
  api: string,
  spec: ParamSpec,
  arg: unknown,
  skip?: "functions" | "data",
): string {
  if (spec.kind === "none") return "";
  if (spec.kind === "value") {
    if (skip === "data") return "";
    const p = fieldProblem(spec.name, spec.field, arg);
    return p ? `${api}: ${p}` : "";
  }
  if (arg === undefined && spec.optional) return "";
  if (!isPlainObject(arg)) {
    const keys = Object.keys(spec.fields).join(", ");
    return `${api}: pass an options object { ${keys} }, got ${describe(arg)}`;
  }
  for (const [name, field] of Object.entries(spec.fields)) {
    const isFn = field.type === "function";
    if ((skip === "functions" && isFn) || (skip === "data" && !isFn)) continue;
    const p = fieldProblem(name, field, arg[name]);
    if (p) return `${api}: ${p}`;
  }
  return "";
}

/** `{ ...fields }` as an object spec. */
export const obj = (fields: Readonly<Record<string, FieldSpec>>, optional = false): ParamSpec =>
  Object.freeze({ kind: "object", optional, fields: Object.freeze(fields) });

/** An optional callback field. */
export const FN: FieldSpec = Object.freeze({ type: "function" });
