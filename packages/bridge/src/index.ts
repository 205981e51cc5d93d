/**
 * `@yiqi/bridge`: host <-> app-iframe RPC over `postMessage`, built on a hardened comlink.
 *
 * The app connects to `window.parent` at one exact host origin; after a versioned handshake,
 * every call moves to a private `MessagePort`. The host serves only its declared methods, to
 * one frame, from allowed origins; every call has a timeout and an `AbortSignal`; every failure
 * is a {@link BridgeError} with a stable code; a trace hook sees everything.
 *
 * @example
 * ```ts
 * // host page
 * import { createHost, windowHostTransport } from "@yiqi/bridge";
 * createHost({
 *   transport: windowHostTransport(iframe),
 *   expose: () => ({ async add(a: number, b: number) { return a + b; } }),
 * });
 *
 * // app in the iframe
 * import { connectToHost } from "@yiqi/bridge";
 * const conn = await connectToHost<{ add(a: number, b: number): Promise<number> }>({
 *   hostOrigin: "https://host.example",
 * });
 * await conn.remote.add(1, 2); // 3
 * ```
 * @module
 */
export {
  type CallOptions,
  type Connection,
  type ConnectOptions,
  connectToHost,
  type Remote,
} from "./connect.ts";
export { BridgeError, BridgeErrorCode, type BridgeErrorDetails } from "./errors.ts";
export { type BridgeHost, createHost, type HostConnection, type HostOptions } from "./host.ts";
export { createMemoryLink, type MemoryLink, type MemoryLinkOptions } from "./memoryLink.ts";
export {
  DEFAULT_CALL_TIMEOUT,
  DEFAULT_HANDSHAKE_TIMEOUT,
  DEFAULT_NAMESPACE,
  DEFAULT_PROTOCOL,
} from "./protocol.ts";
export {
  type BridgeTraceEntry,
  type BridgeTraceHook,
  type BridgeTraceKind,
  type TraceDataLimits,
  traceData,
} from "./trace.ts";
export type { AppTransport, HostTransport, InboundMessage } from "./transport.ts";
export { compareVersions } from "./version.ts";
export {
  exactOrigin,
  type WindowAppTransportOptions,
  type WindowHostTransportOptions,
  windowAppTransport,
  windowHostTransport,
} from "./windowTransport.ts";
export { BRIDGE_MARKER, type Envelope, isEnvelope } from "./wire.ts";
