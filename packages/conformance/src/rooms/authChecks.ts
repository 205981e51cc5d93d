/**
 * The authentication checks of the Rooms contract: a connection offering a wrong, missing or
 * doubled credential must be refused, at the handshake or in band.
 *
 * @module
 */
import type { WebSocketConstructorLike } from "@yiqi/rooms-rpc";
import { CaseFailure } from "./context.ts";
import { HandshakeRefused, WireSession } from "./WireSession.ts";

/** Where and how to open the extra connection. */
export interface AuthCheckPort {
  url: string;
  WebSocket: WebSocketConstructorLike;
  timeoutMs: number;
  /** A fresh request id (taken only once the connection is open). */
  nextId(): string;
}

/**
 * Opens a connection offering `protocols` and resolves when it is refused: the handshake fails,
 * the connection closes without answering, or a `Query` is answered 5 or 16. Throws a
 * {@link CaseFailure} otherwise.
 */
export async function expectAuthRefused(port: AuthCheckPort, protocols: string[]): Promise<void> {
  let s: WireSession;
  try {
    s = await WireSession.open(port.url, protocols, port.WebSocket, port.timeoutMs);
  } catch (e) {
    if (e instanceof HandshakeRefused) return;
    throw e;
  }
  try {
    const id = port.nextId();
    const frame = await s.request(
      { jsonrpc: "2.0", id, method: "Query", params: { path: ["Share"] } },
      port.timeoutMs,
    );
    if (!frame) {
      if (s.closeInfo) return; // closed without answering: refused
      throw new CaseFailure(`no answer and no close within ${port.timeoutMs} ms`);
    }
    const r = (frame.json as { result?: { error_code?: unknown } }).result;
    if (r?.error_code === 5 || r?.error_code === 16) return;
    throw new CaseFailure(`an unauthenticated request was answered: ${frame.text}`);
  } finally {
    await s.close();
  }
}
