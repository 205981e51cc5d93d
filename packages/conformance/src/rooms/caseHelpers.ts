/**
 * Helpers of the module contract cases: request shapes, field checks, version-aware calls.
 *
 * @module
 */
import type { RoomsResult } from "@yiqi/rooms-rpc";
import type { RoomsCase } from "./cases.ts";
import type { CaseContext } from "./context.ts";

/** Whether `v` is a non-null object (a record to read fields from). */
export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null;

/** A request frame's method and params. */
export interface Send {
  method: string;
  params: Record<string, unknown>;
}

/** `Call/<module>` with `action` and optional `action_params`. */
export const call = (
  module: string,
  action: string,
  action_params?: Record<string, unknown>,
): Send => ({
  method: `Call/${module}`,
  params: action_params === undefined ? { action } : { action, action_params },
});

/** `Query` with `path`. */
export const query = (...path: string[]): Send => ({ method: "Query", params: { path } });

/** A `check` that the field at `path` of `data` has type `type`. */
export const has =
  (type: string, ...path: string[]) =>
  (r: RoomsResult): string | undefined => {
    let v: unknown = r.data;
    for (const p of path) v = isObj(v) ? v[p] : undefined;
    const ok = type === "array" ? Array.isArray(v) : typeof v === type;
    return ok
      ? undefined
      : `data.${path.join(".")} must be ${type === "array" ? "an array" : `a ${type}`}`;
  };

export const all =
  (...checks: ((r: RoomsResult) => string | undefined)[]) =>
  (r: RoomsResult): string | undefined => {
    for (const c of checks) {
      const p = c(r);
      if (p) return p;
    }
    return undefined;
  };

export const fail = (message: string): never => {
  throw new Error(message);
};

/** Thrown when an action is newer than the device (after checking it answers 9). */
export class Unsupported extends Error {}

export const expectCode = async (
  ctx: CaseContext,
  method: string,
  params: Record<string, unknown>,
  code: number,
): Promise<RoomsResult> => {
  const module = method.startsWith("Call/") ? method.slice(5) : "";
  const action = typeof params.action === "string" ? params.action : "";
  if (module && !ctx.supports(module, action)) {
    const r = await ctx.request(method, params);
    if (r.error_code !== 9)
      fail(`${action} is newer than the device: expected 9, got ${r.error_code}`);
    throw new Unsupported();
  }
  const r = await ctx.request(method, params);
  if (r.error_code !== code)
    fail(
      `${method} ${String(params.action ?? "")}: expected error_code ${code}, got ${r.error_code} (${JSON.stringify(r.message)})`,
    );
  return r;
};

/** The first member id other than the Rooms, via ListMemberIds. */
export const someMember = async (ctx: CaseContext): Promise<string> => {
  const r = await expectCode(
    ctx,
    "Call/MeetingControl",
    call("MeetingControl", "ListMemberIds", { begin_count: 0, end_count: 20, type: 1 }).params,
    0,
  );
  const self = await ctx.request("Query", { path: ["Meeting"] });
  const selfId =
    isObj(self.data) && isObj(self.data.self_info) ? self.data.self_info.user_id : undefined;
  const id = Array.isArray(r.data) ? r.data.find((x) => x !== selfId) : undefined;
  return typeof id === "string" ? id : fail("ListMemberIds lists nobody but the Rooms");
};

// A script whose action the device's version lacks passes once it has checked the 9.
export const versioned = (c: RoomsCase): RoomsCase =>
  "run" in c
    ? {
        ...c,
        run: async (ctx) => {
          try {
            await c.run(ctx);
          } catch (e) {
            if (!(e instanceof Unsupported)) throw e;
          }
        },
      }
    : c;
