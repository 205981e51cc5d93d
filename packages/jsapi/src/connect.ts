/**
 * Connecting an app page to its meeting client (a Yiqi host) and getting `wemeet`.
 *
 * @module
 */
import { type AppTransport, BridgeError, type BridgeTraceHook, connectToHost } from "@yiqi/bridge";
import { WEMEET_NAMESPACE, WEMEET_PROTOCOL, type WemeetHostApi } from "./types.ts";
import { type CreateWemeetOptions, createWemeet, type Wemeet } from "./wemeet.ts";

/** Options of {@link connectWemeet}. */
export interface ConnectWemeetOptions extends CreateWemeetOptions {
  /** The exact origin of the page hosting this app (the harness). Default: {@link detectHostOrigin}. */
  hostOrigin?: string;
  /** A custom handshake transport (tests, workers) instead of the parent window. */
  transport?: AppTransport;
  /** Handshake timeout, ms (default 5000). */
  timeout?: number;
  /** Default call timeout, ms (default 10000). */
  callTimeout?: number;
  /** Bridge trace hook. */
  trace?: BridgeTraceHook;
}

/**
 * The host page's origin as the browser reports it: `location.ancestorOrigins[0]` where
 * supported, else the origin of `document.referrer`. Returns `undefined` outside a frame.
 */
export function detectHostOrigin(): string | undefined {
  const w = globalThis as unknown as {
    window?: Window;
    location?: Location & { ancestorOrigins?: DOMStringList };
    document?: Document;
  };
  if (!w.window || w.window.parent === w.window) return undefined;
  const ancestor = w.location?.ancestorOrigins?.[0];
  if (ancestor && ancestor !== "null") return ancestor;
  try {
    const referrer = w.document?.referrer;
    return referrer ? new URL(referrer).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Connects to the meeting client hosting this page and returns `wemeet` at once; calls made
 * before the handshake completes wait for it. Outside any host they reject with `NOT_IN_WEMEET`
 * and a message that says so.
 *
 * @example
 * ```ts
 * import { connectWemeet } from "@yiqi/jsapi";
 * const wemeet = connectWemeet();
 * const { scene } = await wemeet.app.getRunningContext();
 * ```
 */
export function connectWemeet(options: ConnectWemeetOptions = {}): Wemeet {
  const hostOrigin = options.hostOrigin ?? detectHostOrigin();
  const connection =
    options.transport || hostOrigin
      ? connectToHost<WemeetHostApi>({
          ...(options.transport
            ? { transport: options.transport }
            : { hostOrigin: hostOrigin as string }),
          namespace: WEMEET_NAMESPACE,
          protocol: WEMEET_PROTOCOL,
          ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
          ...(options.callTimeout === undefined ? {} : { callTimeout: options.callTimeout }),
          ...(options.trace === undefined ? {} : { trace: options.trace }),
        })
      : Promise.reject(
          new BridgeError(
            "NO_HOST",
            "this page is not running inside a meeting client: open it from the Yiqi harness (`yiqi harness --app <url>`) or Tencent Meeting",
          ),
        );
  return createWemeet(connection, options);
}
