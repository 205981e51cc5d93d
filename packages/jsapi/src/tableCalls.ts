/**
 * The calls built from the API table: for each `JSAPI_TABLE` method without hand-written client
 * code, a function that checks its callbacks, sends the rest to the host, and reports the
 * answer through its Promise and the callbacks the table lists (`fail` and `failure`, `success`
 * and `successCallback`, …: Tencent's slips are tolerated). Internal.
 *
 * @module
 */
import { checkParams } from "./apiParams.ts";
import { JSAPI_TABLE, type JsapiEntry } from "./apiTable.ts";
import { AuthorizeBizCode } from "./apiTypes.ts";
import { WemeetError } from "./errors.ts";
import type { HostResult, WemeetHostApi } from "./types.ts";

/** Runs one host method through the connection (the `invoke` of `createWemeet`). */
export type Invoke = <T>(
  what: string,
  run: (remote: WemeetHostApi) => Promise<HostResult<T>>,
) => Promise<T>;

/** What a `fail` callback receives, by API: Tencent documents a few shapes. */
const FAIL_PAYLOAD: Readonly<Record<string, (e: WemeetError) => unknown>> = {
  "permission.authorize": (e) => ({
    bizCode: e.apiCode ?? AuthorizeBizCode.UN_KNOW,
    bizMessage: e.errMsg,
  }),
  "data.getPhoneNumber": (e) => ({
    code: e.apiCode ?? 1,
    message: e.code === "CANCELED" ? "get auto_code is canceled" : e.errMsg,
    token: "",
  }),
  "ui.setVirtualBackground": (e) => ({ Code: e.apiCode ?? 1, Message: e.errMsg }),
};

/**
 * Calls Tencent documents as `Promise<void>` whose answer goes only to `success` (§3
 * `permission.authorize`: "Returns `Promise<void>`", `success({ authCode })` receives the code).
 */
const RESOLVES_VOID: ReadonlySet<string> = new Set(["permission.authorize"]);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The argument without its functions (they cannot cross the bridge), as the host receives it. */
function hostArgs(e: JsapiEntry, arg: unknown): unknown[] {
  if (e.params.kind === "none") return [];
  if (e.params.kind === "value") return [arg === undefined ? {} : { [e.params.name]: arg }];
  if (!isPlainObject(arg)) return [arg ?? {}];
  return [Object.fromEntries(Object.entries(arg).filter(([, v]) => typeof v !== "function"))];
}

/** The callbacks named `names` on `arg`, in table order. */
function callbacksOf(arg: unknown, names: readonly string[] | undefined): ((x: unknown) => void)[] {
  if (!isPlainObject(arg) || !names) return [];
  return names.map((n) => arg[n]).filter((f): f is (x: unknown) => void => typeof f === "function");
}

/**
 * One table-driven call: `(arg?) => Promise<result>`, for host method `method`.
 *
 * @param method The `WemeetHostApi` method.
 * @param invoke Sends it and maps failures to {@link WemeetError}.
 * @param report Where errors thrown by app callbacks go.
 */
export function tableCall(
  method: keyof WemeetHostApi,
  invoke: Invoke,
  report: (error: unknown) => void,
): (arg?: unknown) => Promise<unknown> {
  const e = JSAPI_TABLE[method];
  const call = (cbs: ((x: unknown) => void)[], payload: unknown): void => {
    for (const cb of cbs) {
      try {
        cb(payload);
      } catch (error) {
        report(error);
      }
    }
  };
  return async (arg?: unknown): Promise<unknown> => {
    const problem = checkParams(e.name, e.params, arg, "data");
    if (problem) throw new WemeetError("INVALID_ARGUMENT", problem);
    const args = hostArgs(e, arg);
    const progress = callbacksOf(arg, e.callbacks?.progress);
    let value: unknown;
    try {
      value = await invoke(e.name, (remote) =>
        (remote[method] as (...a: unknown[]) => Promise<HostResult<unknown>>)(...args),
      );
    } catch (error) {
      const err = error as WemeetError;
      const shape = FAIL_PAYLOAD[e.name];
      call(callbacksOf(arg, e.callbacks?.fail), shape ? shape(err) : err);
      throw err;
    }
    if (progress.length > 0) call(progress, { Code: 100, Message: "progress" });
    call(callbacksOf(arg, e.callbacks?.success), value);
    return RESOLVES_VOID.has(e.name) ? undefined : (value ?? undefined);
  };
}

/** The table's methods under namespace `ns` (`ui` → `uiCloseLoading`, …) not in `except`. */
export function tableMethodsOf(ns: string, except: ReadonlySet<string>): (keyof WemeetHostApi)[] {
  return (Object.keys(JSAPI_TABLE) as (keyof WemeetHostApi)[]).filter((m) => {
    const name = JSAPI_TABLE[m].name;
    return name.startsWith(`${ns}.`) && !except.has(name);
  });
}
