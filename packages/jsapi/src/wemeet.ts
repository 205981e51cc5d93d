/**
 * `createWemeet`: the typed `wemeet` object over a bridge connection to an emulated client.
 *
 * @module
 */
import { BridgeError, type Connection } from "@yiqi/bridge";
import { JSAPI_TABLE } from "./apiTable.ts";
import {
  AuthorizeBizCode,
  BackgroundType,
  HeaderMenuItem,
  MatterContentType,
  MeetingType,
  WebAppPosition,
  WindowShareMode,
} from "./apiTypes.ts";
import { WemeetError } from "./errors.ts";
import { createEventRegistry } from "./eventRegistry.ts";
import { type HostLink, hostCall } from "./hostCall.ts";
import { attachNotices } from "./noticeWiring.ts";
import { type Invoke, tableCall, tableMethodsOf } from "./tableCalls.ts";
import {
  type AgentConfigOptions,
  type AppHandleResp,
  AppHandleRespType,
  type AppInfo,
  type CollaborationConfig,
  type CollaborationContext,
  type ConfigOptions,
  type EndCollaborationOptions,
  type HostEnvironment,
  type HostResult,
  type RunningContext,
  ScreenShareMode,
  type StartCollaborationOptions,
  VersionCompareType,
  WEMEET_EVENT,
  type WemeetEventMessage,
  type WemeetHostApi,
} from "./types.ts";
import {
  type AppVersion,
  appVersion,
  compareVersions,
  userAgentIsWemeet,
  versionFromUserAgent,
} from "./version.ts";
import type {
  CreateWemeetOptions,
  Wemeet,
  WemeetApp,
  WemeetCollaboration,
  WemeetPermission,
} from "./wemeetApi.ts";

export type {
  CreateWemeetOptions,
  ShareCallbacks,
  Wemeet,
  WemeetApp,
  WemeetCollaboration,
  WemeetData,
  WemeetEvents,
  WemeetListener,
  WemeetMeeting,
  WemeetPermission,
  WemeetUi,
} from "./wemeetApi.ts";

type HostConnection = Connection<WemeetHostApi>;

const JSAPI_NAME = (m: keyof WemeetHostApi): string => JSAPI_TABLE[m].name;

const isEnvironment = (info: unknown): info is HostEnvironment =>
  typeof info === "object" &&
  info !== null &&
  typeof (info as HostEnvironment).clientVersion === "string";

/** Maps a bridge failure to the jsapi error an app sees. */
function fromBridge(error: unknown, what: string): WemeetError {
  if (error instanceof WemeetError) return error;
  if (error instanceof BridgeError) {
    switch (error.code) {
      case "HANDSHAKE_TIMEOUT":
      case "NO_HOST":
      case "ORIGIN_REJECTED":
      case "PROTOCOL_MISMATCH":
      case "INVALID_OPTIONS":
        return new WemeetError(
          "NOT_IN_WEMEET",
          `${what}: not connected to a meeting client: ${error.message}`,
        );
      case "CALL_TIMEOUT":
        return new WemeetError("TIMEOUT", `${what}: ${error.message}`);
      case "CONNECTION_CLOSED":
        return new WemeetError(
          "INSTANCE_CLOSED",
          `${what}: this app instance was closed by the client (${error.message})`,
        );
      default:
        return new WemeetError("BRIDGE_FAILED", `${what}: ${error.message}`);
    }
  }
  return new WemeetError("BRIDGE_FAILED", `${what}: ${String(error)}`);
}

const invalid = (what: string, why: string): WemeetError =>
  new WemeetError("INVALID_ARGUMENT", `${what}: ${why}`);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const NOT_CALLS = new Set([
  "then",
  "toJSON",
  "constructor",
  "prototype",
  "__proto__",
  "valueOf",
  "toString",
]);

/**
 * Builds the `wemeet` object over a connection (or a pending connection: calls made before it
 * resolves wait for it; if it rejects, they reject with `NOT_IN_WEMEET`).
 *
 * Every call of the API table exists; the calls without hand-written code here are built from
 * the table (`tableCalls.ts`). Members outside the table (e.g. the example slip
 * `wemeet.ui.setWebModalAction`) exist as functions that record the call with the host and
 * answer by its policy.
 *
 * @example
 * ```ts
 * const wemeet = createWemeet(connectToHost<WemeetHostApi>({ hostOrigin, namespace: WEMEET_NAMESPACE }));
 * wemeet.addEventListener("collaboration-change", (e) => console.log(e.action));
 * await wemeet.collaboration.start({ callback: (r) => console.log(r.status) });
 * ```
 */
export function createWemeet(
  connection: HostConnection | Promise<HostConnection>,
  options: CreateWemeetOptions = {},
): Wemeet {
  const pageUrl = options.pageUrl ?? ((): string => globalThis.location?.href ?? "about:blank");
  const userAgent = options.userAgent ?? globalThis.navigator?.userAgent ?? "";
  const report =
    options.reportError ??
    ((error: unknown): void => {
      if (typeof globalThis.reportError === "function") globalThis.reportError(error);
      else
        queueMicrotask(() => {
          throw error;
        });
    });
  const registry = createEventRegistry(report, (why) => invalid("event.addEventListener", why));
  let environment: HostEnvironment | undefined;
  let connected: HostConnection | undefined;

  const ready: Promise<HostConnection> = Promise.resolve(connection).then((conn) => {
    connected = conn;
    if (isEnvironment(conn.info)) environment = conn.info;
    conn.on(WEMEET_EVENT, (message) => registry.dispatch(message as WemeetEventMessage));
    // A host that announces notices learns which listeners ran and which threw (decision 0306).
    attachNotices(conn, environment, registry);
    return conn;
  });
  // A failed connection surfaces on each call; do not leave the shared promise unhandled.
  ready.catch(() => {});

  const invoke = async <T>(
    what: string,
    run: (conn: HostConnection) => Promise<HostResult<T>>,
  ): Promise<T> => {
    let conn = connected;
    if (!conn) {
      try {
        conn = await ready;
      } catch (error) {
        throw fromBridge(error, what);
      }
    }
    let result: HostResult<T>;
    try {
      result = await run(conn);
    } catch (error) {
      throw fromBridge(error, what);
    }
    if (!result.ok) throw WemeetError.from(result.error);
    return result.value;
  };

  // The calls that send only their arguments: built once, no closures per call (hostCall.ts).
  const link: HostLink = { connected: () => connected, ready, fromBridge };
  const getContext = hostCall<CollaborationContext>(
    "collaboration.getContext",
    "collaborationGetContext",
    link,
  );
  const join = hostCall<void>("collaboration.join", "collaborationJoin", link);
  const leave = hostCall<void>("collaboration.leave", "collaborationLeave", link);
  const getRunningContext = hostCall<RunningContext>(
    "app.getRunningContext",
    "appGetRunningContext",
    link,
  );
  const getAppInfo = hostCall<AppInfo>("app.getAppInfo", "appGetAppInfo", link);

  const safeCallback = (
    callback: ((resp: AppHandleResp) => void) | undefined,
    resp: AppHandleResp,
  ): void => {
    if (!callback) return;
    try {
      callback(resp);
    } catch (error) {
      report(error);
    }
  };

  /** start / end: callback with `{ status, message }` and a Promise (SPEC A3). */
  const handle = async (
    what: string,
    callback: unknown,
    run: (conn: HostConnection) => Promise<HostResult<AppHandleResp>>,
  ): Promise<AppHandleResp> => {
    if (callback !== undefined && typeof callback !== "function")
      throw invalid(what, "callback must be a function");
    const cb = callback as ((resp: AppHandleResp) => void) | undefined;
    let resp: AppHandleResp;
    try {
      resp = await invoke(what, run);
    } catch (error) {
      const e = error as WemeetError;
      safeCallback(cb, { status: AppHandleRespType.FAILED, message: e.errMsg });
      throw e;
    }
    safeCallback(cb, resp);
    if (resp.status === AppHandleRespType.FAILED)
      throw new WemeetError("NOT_PERMITTED", resp.message);
    return resp;
  };

  const collaboration: WemeetCollaboration = {
    start: async (opts: StartCollaborationOptions = {}): Promise<AppHandleResp> => {
      const what = "collaboration.start";
      if (!isPlainObject(opts)) throw invalid(what, "pass an options object { url?, callback? }");
      if (opts.url !== undefined && typeof opts.url !== "string")
        throw invalid(what, "url must be a string");
      const args = { ...(opts.url === undefined ? {} : { url: opts.url }), pageUrl: pageUrl() };
      return handle(what, opts.callback, (c) => c.remote.collaborationStart(args));
    },
    end: async (opts: EndCollaborationOptions = {}): Promise<AppHandleResp> => {
      const what = "collaboration.end";
      if (!isPlainObject(opts)) throw invalid(what, "pass an options object { callback? }");
      return handle(what, opts.callback, (c) => c.remote.collaborationEnd({}));
    },
    join: async (): Promise<void> => {
      await join();
    },
    leave: async (): Promise<void> => {
      await leave();
    },
    getContext: (): Promise<CollaborationContext> => getContext(),
    setCollaborationConfig: async (config: CollaborationConfig): Promise<void> => {
      const what = "collaboration.setCollaborationConfig";
      if (!isPlainObject(config)) throw invalid(what, "pass { url?: string, visible?: boolean }");
      if (config.url !== undefined && typeof config.url !== "string")
        throw invalid(what, "url must be a string");
      if (config.visible !== undefined && typeof config.visible !== "boolean")
        throw invalid(what, "visible must be a boolean");
      const args = {
        ...(config.url === undefined ? {} : { url: config.url }),
        ...(config.visible === undefined ? {} : { visible: config.visible }),
        pageUrl: pageUrl(),
      };
      await invoke(what, (c) => c.remote.collaborationSetConfig(args));
    },
  };

  const version = (): string =>
    environment?.clientVersion ?? versionFromUserAgent(userAgent) ?? "0.0.0";
  const versionValue = appVersion(version);
  const invokeRemote: Invoke = (what, run) => invoke(what, (c) => run(c.remote));
  /** The table's calls of namespace `ns` that `known` does not define by hand. */
  const fromTable = (ns: string, known: object): Record<string, unknown> => {
    const handWritten = new Set(Object.keys(known).map((k) => `${ns}.${k}`));
    return Object.fromEntries(
      tableMethodsOf(ns, handWritten).map((m) => [
        JSAPI_NAME(m).slice(ns.length + 1),
        tableCall(m, invokeRemote, report),
      ]),
    );
  };
  const app0 = { getRunningContext: 0, getAppInfo: 0, version: 0, compare: 0 };
  const app: WemeetApp = {
    getRunningContext: (): Promise<RunningContext> => getRunningContext(),
    getAppInfo: (): Promise<AppInfo> => getAppInfo(),
    // Callable and a string in every use but `===` (VER; decision 0119).
    version: versionValue,
    compare: async (arg: string | AppVersion): Promise<VersionCompareType> => {
      const other = arg === versionValue ? versionValue() : arg;
      if (typeof other !== "string")
        throw invalid("app.compare", `pass a version string such as "3.12.0", got ${typeof other}`);
      // A Promise (CMP): wait for the client's answer, then compare its version (the UA's
      // version when there is no client).
      await ready.catch(() => undefined);
      return compareVersions(version(), other);
    },
    ...(fromTable("app", app0) as object),
  } as WemeetApp;

  const permission0 = { agentConfig: 0, config: 0 };
  const permission: WemeetPermission = {
    agentConfig: async (opts: AgentConfigOptions): Promise<void> => {
      if (!isPlainObject(opts))
        throw invalid(
          "permission.agentConfig",
          "pass { sdkId, corpId, signature, nonceStr, timestamp } (strings, from your server)",
        );
      await invoke("permission.agentConfig", (c) =>
        c.remote.permissionAgentConfig({ ...opts, pageUrl: pageUrl() }),
      );
    },
    config: async (opts: ConfigOptions): Promise<void> => {
      if (!isPlainObject(opts))
        throw invalid(
          "permission.config",
          "pass { sdkId, corpId, signature, nonceStr, timestamp } (strings, from your server)",
        );
      await invoke("permission.config", (c) =>
        c.remote.permissionConfig({ ...opts, pageUrl: pageUrl() }),
      );
    },
    ...(fromTable("permission", permission0) as object),
  } as WemeetPermission;

  const events = registry.events;

  const unknownCall =
    (path: string) =>
    (...args: unknown[]): Promise<unknown> =>
      invoke(path, (c) => c.remote.invokeUnknown({ path, args: cloneable(args) }));

  /** Unknown members of a namespace become recorded calls; known ones are returned as they are. */
  const namespace = <T extends object>(name: string, known: T): T =>
    new Proxy(known, {
      get(target, prop, receiver): unknown {
        if (typeof prop !== "string" || prop in target || NOT_CALLS.has(prop))
          return Reflect.get(target, prop, receiver);
        return unknownCall(`${name}.${prop}`);
      },
    });

  const base = {
    get isInWemeet(): boolean {
      return userAgentIsWemeet(userAgent) || connected !== undefined;
    },
    AppHandleRespType,
    ScreenShareMode,
    VersionCompareType,
    WindowShareMode,
    HeaderMenuItem,
    MatterContentType,
    enums: { BackgroundType, MeetingType, WebAppPosition, AuthorizeBizCode },
    collaboration: namespace("collaboration", collaboration),
    app: namespace("app", app),
    event: events,
    permission: namespace("permission", permission),
    meeting: namespace("meeting", fromTable("meeting", {})),
    data: namespace("data", fromTable("data", {})),
    ui: namespace("ui", fromTable("ui", {})),
    ...events,
  };
  return new Proxy(base, {
    get(target, prop, receiver): unknown {
      if (typeof prop !== "string" || prop in target || NOT_CALLS.has(prop))
        return Reflect.get(target, prop, receiver);
      return namespace(prop, {});
    },
  }) as unknown as Wemeet;
}

/** Arguments of unknown calls may hold functions (callbacks); send a cloneable description. */
function cloneable(args: unknown[]): unknown[] {
  return args.map((a) => {
    if (typeof a === "function") return "[function]";
    try {
      const text = JSON.stringify(a, (_key, value: unknown) =>
        typeof value === "function" ? "[function]" : value,
      );
      return text === undefined ? null : (JSON.parse(text) as unknown);
    } catch {
      return String(a);
    }
  });
}
