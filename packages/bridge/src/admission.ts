/**
 * The host's handshake admission: which hellos open a connection. Fails closed: only the app
 * frame, only from an allowed origin, only in this namespace and protocol version.
 *
 * @module
 */
import { BridgeError } from "./errors.ts";
import type { HostConfig } from "./hostConnection.ts";
import { mismatchMessage } from "./protocol.ts";
import type { InboundMessage } from "./transport.ts";
import { envelope, isEnvelope, type RejectEnvelope } from "./wire.ts";

/** Hellos from other windows traced at most (they are counted, not all traced). */
const MAX_REJECT_TRACES = 100;

/** Screens the hellos of one host. */
export interface Admission {
  /** The transport listener: admits or refuses hellos, ignores everything else. */
  onMessage(msg: InboundMessage): void;
  /** Hellos ignored because they did not come from the frame. */
  readonly ignoredCount: number;
}

/**
 * Creates the admission of one host: a hello from the frame, from an allowed origin, in this
 * namespace and version reaches `admit`; others are ignored (another window) or answered with
 * a `reject` (once per nonce) and reported to `options.onError`.
 */
export function createAdmission<Api extends object>(
  config: HostConfig<Api>,
  admit: (origin: string, nonce: string) => void,
): Admission {
  const { options, ns, v, trace } = config;
  let ignored = 0;
  let rejectTraces = 0;
  const refusedNonces = new Set<string>();

  const refuse = (
    msg: InboundMessage,
    nonce: string,
    code: RejectEnvelope["code"],
    message: string,
  ): void => {
    const error = new BridgeError(code, message, { origin: msg.origin });
    if (!refusedNonces.has(nonce)) {
      refusedNonces.add(nonce);
      if (refusedNonces.size > 64) refusedNonces.clear();
      options.transport.reply(
        msg.origin,
        envelope<RejectEnvelope>(ns, v, {
          kind: "reject",
          nonce,
          code,
          message,
        }),
      );
      trace({ kind: "rejected", origin: msg.origin, error: { code, message } });
      try {
        options.onError?.(error);
      } catch {
        // A consumer's handler must not break the host.
      }
    }
  };

  const onMessage = (msg: InboundMessage): void => {
    const { data } = msg;
    if (!isEnvelope(data) || data.kind !== "hello") return;
    if (!msg.fromPeer) {
      ignored++;
      if (rejectTraces++ < MAX_REJECT_TRACES)
        trace({
          kind: "rejected",
          origin: msg.origin,
          error: {
            code: "ORIGIN_REJECTED",
            message: "a handshake from a window that is not the app frame was ignored",
          },
        });
      return;
    }
    const allowed = options.allowedOrigins ?? options.transport.defaultOrigins;
    if (!allowed.includes(msg.origin)) {
      refuse(
        msg,
        data.nonce,
        "ORIGIN_REJECTED",
        `the host refused the app origin ${msg.origin} (allowed: ${allowed.join(", ") || "none"}): serve the app from an allowed origin or add it to allowedOrigins`,
      );
      return;
    }
    if (data.ns !== ns || data.v !== v) {
      refuse(
        msg,
        data.nonce,
        "PROTOCOL_MISMATCH",
        mismatchMessage({ ns: data.ns, v: data.v }, { ns, v }),
      );
      return;
    }
    admit(msg.origin, data.nonce);
  };

  return {
    onMessage,
    get ignoredCount(): number {
      return ignored;
    },
  };
}
