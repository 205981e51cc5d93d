/**
 * A tiny parameter checker for action parameters: each field is a type and required or not.
 *
 * @module
 */
import { describeValue } from "./describe.ts";

/** `type` or `type?` (optional). */
export type FieldSpec = "boolean" | "boolean?" | "integer" | "integer?" | "string" | "string?";

/** Field specs of one action's parameters. */
export type ParamSpec = Readonly<Record<string, FieldSpec>>;

/**
 * Returns a message naming the first missing or mistyped field, or `undefined` when all fit.
 *
 * @example
 * ```ts
 * checkParams({ share_voice: 1 }, { share_voice: "boolean" }); // "share_voice must be a boolean"
 * ```
 */
export function checkParams(params: Record<string, unknown>, spec: ParamSpec): string | undefined {
  for (const [name, field] of Object.entries(spec)) {
    const optional = field.endsWith("?");
    const type = optional ? field.slice(0, -1) : field;
    const value = params[name];
    if (value === undefined) {
      if (optional) continue;
      return `missing required parameter ${name} (${type})`;
    }
    const ok =
      type === "integer"
        ? typeof value === "number" && Number.isInteger(value)
        : typeof value === type;
    if (!ok)
      return `${name} must be ${type === "integer" ? "an integer" : `a ${type}`}, got ${describeValue(value)}`;
  }
  return undefined;
}
