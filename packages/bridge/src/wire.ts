/**
 * The bridge wire format. Every message, before and after the handshake, is an envelope
 * `{ bridge: "yiqi", ns, v, kind, ... }`: `ns` names the API (e.g. `yiqi.wemeet`) and `v` its
 * protocol version, so that a mismatch is detected and explained instead of misread.
 *
 * @module
 */

/** Marker of every bridge envelope. */
export const BRIDGE_MARKER = "yiqi";

/** The kinds of envelope. */
export type EnvelopeKind = "hello" | "welcome" | "reject" | "rpc" | "oneway" | "event" | "close";

/** Fields every envelope carries. */
export interface EnvelopeBase {
  bridge: typeof BRIDGE_MARKER;
  ns: string;
  v: number;
  kind: EnvelopeKind;
}

/** App -> host, over the window, repeated until answered. */
export interface HelloEnvelope extends EnvelopeBase {
  kind: "hello";
  nonce: string;
}

/** Host -> app, over the window, transferring the connection's port. */
export interface WelcomeEnvelope extends EnvelopeBase {
  kind: "welcome";
  nonce: string;
  info: unknown;
  /**
   * `1` when the host takes {@link OnewayEnvelope | one-way messages} (decision 0019); absent
   * from an older host, which gets every message as a call.
   */
  oneway?: 1;
  /**
   * `1` when the host takes compact calls and answers them compactly (decision 0011,
   * `compactWire.ts`); absent from an older host, which gets comlink's messages.
   */
  compact?: 1;
}

/** Host -> app, over the window: the handshake is refused, and why. */
export interface RejectEnvelope extends EnvelopeBase {
  kind: "reject";
  nonce: string;
  code: "ORIGIN_REJECTED" | "PROTOCOL_MISMATCH";
  message: string;
}

/** Either way over the port: one comlink message. */
export interface RpcEnvelope extends EnvelopeBase {
  kind: "rpc";
  msg: unknown;
}

/**
 * App -> host over the port, only to a host whose welcome said `oneway: 1`: one comlink
 * `APPLY` message the host runs and never answers (no result, no pending call on either side).
 */
export type OnewayEnvelope = Omit<RpcEnvelope, "kind"> & { kind: "oneway" };

/** Host -> app over the port: a named event. */
export interface EventEnvelope extends EnvelopeBase {
  kind: "event";
  name: string;
  payload: unknown;
}

/**
 * Either way over the port: the sender closed the connection. With `ack`, the sender (the host)
 * asks for a `close` back: the port is ordered, so that answer proves the app received
 * everything sent before the close (e.g. the result of the `leave` that closed it).
 */
export interface CloseEnvelope extends EnvelopeBase {
  kind: "close";
  reason: string;
  ack?: boolean;
}

/** Any bridge envelope. */
export type Envelope =
  | HelloEnvelope
  | WelcomeEnvelope
  | RejectEnvelope
  | RpcEnvelope
  | (Omit<RpcEnvelope, "kind"> & { kind: "oneway" })
  | EventEnvelope
  | CloseEnvelope;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Type guard for a bridge envelope of any namespace and version: checks the marker and the
 * fields each kind needs. Anything else (other libraries' messages, garbage) is `false`.
 */
export function isEnvelope(value: unknown): value is Envelope {
  if (!isRecord(value) || value.bridge !== BRIDGE_MARKER) return false;
  if (typeof value.ns !== "string" || typeof value.v !== "number") return false;
  switch (value.kind) {
    case "hello":
      return typeof value.nonce === "string" && value.nonce.length <= 128;
    case "welcome":
      return typeof value.nonce === "string";
    case "reject":
      return (
        typeof value.nonce === "string" &&
        (value.code === "ORIGIN_REJECTED" || value.code === "PROTOCOL_MISMATCH") &&
        typeof value.message === "string"
      );
    case "rpc":
    case "oneway":
      return "msg" in value;
    case "event":
      return typeof value.name === "string";
    case "close":
      return typeof value.reason === "string" && (value.ack === undefined || value.ack === true);
    default:
      return false;
  }
}

/** Builds an envelope of the given namespace and version. */
export function envelope<K extends Envelope>(
  ns: string,
  v: number,
  body: Omit<K, keyof EnvelopeBase> & { kind: K["kind"] },
): K {
  return { bridge: BRIDGE_MARKER, ns, v, ...body } as K;
}

/** An `rpc` envelope, built as one literal (it is on every call's path, both ways). */
export const rpcEnvelope = (ns: string, v: number, msg: unknown): RpcEnvelope => ({
  bridge: BRIDGE_MARKER,
  ns,
  v,
  kind: "rpc",
  msg,
});

/** A `oneway` envelope, built as one literal (it is sent once per handled event). */
export const onewayEnvelope = (ns: string, v: number, msg: unknown): OnewayEnvelope => ({
  bridge: BRIDGE_MARKER,
  ns,
  v,
  kind: "oneway",
  msg,
});

/** An `event` envelope, built as one literal (it is sent once per frame on every emit). */
export const eventEnvelope = (
  ns: string,
  v: number,
  name: string,
  payload: unknown,
): EventEnvelope => ({ bridge: BRIDGE_MARKER, ns, v, kind: "event", name, payload });

/** `ns@v`, as error messages print a protocol. */
export const protocolName = (ns: string, v: number): string => `${ns}@${v}`;
