/**
 * The app's handshake: repeats a hello to exactly the host origin until the host welcomes it
 * (with a private port) or refuses it, within a bounded time.
 *
 * @module
 */
import { abortError, BridgeError } from "./errors.ts";
import { mismatchMessage } from "./protocol.ts";
import type { SideTrace } from "./trace.ts";
import type { AppTransport, InboundMessage } from "./transport.ts";
import { envelope, type HelloEnvelope, isEnvelope } from "./wire.ts";

/** The settings of one handshake. */
export interface HandshakeSettings {
  ns: string;
  v: number;
  /** Milliseconds before `HANDSHAKE_TIMEOUT`. */
  timeout: number;
  /** How often the hello is repeated, ms. */
  retryInterval: number;
  signal?: AbortSignal | undefined;
  trace: SideTrace;
}

/** What the host's welcome carries. */
export interface Welcome {
  /** The private port every later message travels on. */
  port: MessagePort;
  /** What the host sent with its welcome. */
  info: unknown;
  /** The host takes one-way messages (its welcome said `oneway: 1`). */
  oneway: boolean;
  /** The host takes compact calls (its welcome said `compact: 1`). */
  compact: boolean;
}

const randomNonce = (): string => {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
};

/**
 * Handshakes over `transport`. Rejects with `HANDSHAKE_TIMEOUT`, `ORIGIN_REJECTED` (or another
 * code the host refused with), `PROTOCOL_MISMATCH`, `NO_HOST` or `ABORTED`.
 */
export function handshake(transport: AppTransport, settings: HandshakeSettings): Promise<Welcome> {
  const { ns, v, timeout, signal, trace } = settings;
  return new Promise<Welcome>((resolve, reject) => {
    const nonce = randomNonce();
    const hello = envelope<HelloEnvelope>(ns, v, { kind: "hello", nonce });
    const finish = (): void => {
      stop();
      clearInterval(retry);
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const fail = (error: BridgeError): void => {
      finish();
      trace({ kind: "rejected", error: { code: error.code, message: error.message } });
      reject(error);
    };
    const stop = transport.listen((msg: InboundMessage) => {
      if (!msg.fromPeer || msg.origin !== transport.hostOrigin) return;
      const data = msg.data;
      if (
        !isEnvelope(data) ||
        (data.kind !== "welcome" && data.kind !== "reject") ||
        data.nonce !== nonce
      )
        return;
      if (data.kind === "reject") {
        fail(new BridgeError(data.code, data.message, { origin: transport.hostLabel }));
        return;
      }
      if (data.ns !== ns || data.v !== v) {
        const message = mismatchMessage({ ns, v }, { ns: data.ns, v: data.v });
        fail(new BridgeError("PROTOCOL_MISMATCH", message));
        return;
      }
      const p = msg.ports[0];
      if (!p) return;
      finish();
      resolve({ port: p, info: data.info, oneway: data.oneway === 1, compact: data.compact === 1 });
    });
    const onAbort = (): void => fail(abortError("the handshake"));
    signal?.addEventListener("abort", onAbort, { once: true });
    const send = (): void => {
      try {
        transport.send(hello);
      } catch (cause) {
        fail(
          new BridgeError(
            "NO_HOST",
            `could not reach the host at ${transport.hostLabel}: ${String(cause)}`,
          ),
        );
      }
    };
    const retry = setInterval(send, settings.retryInterval);
    const timer = setTimeout(
      () =>
        fail(
          new BridgeError(
            "HANDSHAKE_TIMEOUT",
            `no host answered at ${transport.hostLabel} within ${timeout} ms: open the app inside the Yiqi harness (or the page that hosts it) and check that the host origin is exactly that page's origin`,
            { origin: transport.hostLabel, timeoutMs: timeout },
          ),
        ),
      timeout,
    );
    send();
  });
}
