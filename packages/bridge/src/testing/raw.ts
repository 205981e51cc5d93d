/**
 * Raw access for the attack cases: a handshake and RPC messages by hand, bypassing comlink.
 *
 * @module
 */
import type { AppTransport } from "../transport.ts";
import { ContractFailure, show } from "./expect.ts";
import { CONTRACT_NAMESPACE } from "./testApi.ts";

/** Sends one raw RPC envelope on `port` and resolves with the first answer for `id`. */
export function rawCall(
  port: MessagePort,
  msg: Record<string, unknown>,
  ns = CONTRACT_NAMESPACE,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new ContractFailure(`no answer to raw message ${show(msg)}`)),
      2000,
    );
    port.addEventListener("message", function on(event: MessageEvent) {
      const data = event.data as { kind?: string; msg?: { id?: string } };
      if (data?.kind === "rpc" && data.msg?.id === msg.id) {
        clearTimeout(timer);
        port.removeEventListener("message", on);
        resolve(data.msg);
      }
    });
    port.start();
    port.postMessage({ bridge: "yiqi", ns, v: 1, kind: "rpc", msg });
  });
}

/** The errorcode inside a comlink-shaped throw answer, or `undefined`. */
export const thrownCode = (answer: unknown): string | undefined =>
  (answer as { name?: string; value?: { value?: { code?: string } } })?.name === "throw"
    ? (answer as { value: { value: { code?: string } } }).value.value.code
    : undefined;

/** Handshakes by hand over `transport` and resolves with the raw port (for attack cases). */
export function rawHandshakeOver(
  transport: AppTransport,
  ns = CONTRACT_NAMESPACE,
): Promise<MessagePort> {
  return new Promise((resolve, reject) => {
    const nonce = `raw${Math.random().toString(16).slice(2)}`;
    const timer = setTimeout(() => {
      stop();
      reject(new ContractFailure("raw handshake got no welcome"));
    }, 2000);
    const stop = transport.listen((m) => {
      const data = m.data as { kind?: string; nonce?: string };
      if (m.fromPeer && data?.kind === "welcome" && data.nonce === nonce && m.ports[0]) {
        clearTimeout(timer);
        stop();
        resolve(m.ports[0]);
      }
    });
    transport.send({ bridge: "yiqi", ns, v: 1, kind: "hello", nonce });
  });
}
