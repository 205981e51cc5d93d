/**
 * Closing a server-side WebSocket from the Deno adapters (Rooms device server and meeting
 * server) without throwing when it is already closing.
 *
 * @module
 */

/** Closes `socket` with `code` and `reason`; nothing happens when it is already closing. */
export function closeQuietly(socket: WebSocket, code: number, reason: string): void {
  try {
    socket.close(code, reason);
  } catch {
    // Already closing.
  }
}
