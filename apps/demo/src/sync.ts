/**
 * Keeping instances of one session in sync. Tencent Meeting gives apps no data channel: a real
 * app uses its own backend (a WebSocket service keyed by the session's `activeId`). The demo
 * does the same against the relay the Yiqi harness serves at `/__yiqi/relay` (a stand-in for
 * your backend), and falls back to a same-origin BroadcastChannel when no relay answers.
 */

/** A message between instances of one session. */
export type SyncMessage =
  | { type: "hello"; from: string }
  | { type: "paint"; from: string; op: import("./board.ts").Paint }
  | { type: "state"; from: string; to: string; ops: import("./board.ts").Paint[] };

/** A session channel. */
export interface SyncChannel {
  readonly kind: "relay" | "broadcast";
  send(message: SyncMessage): void;
  close(): void;
}

/** Opens the channel of session `room`; resolves once it can send. */
export async function openSync(
  room: string,
  onMessage: (m: SyncMessage) => void,
): Promise<SyncChannel> {
  const url = new URL(`/__yiqi/relay?room=${encodeURIComponent(room)}`, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  try {
    const ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(url);
      const timer = setTimeout(() => {
        socket.close();
        reject(new Error("relay timeout"));
      }, 1500);
      socket.onopen = () => {
        clearTimeout(timer);
        resolve(socket);
      };
      socket.onerror = () => {
        clearTimeout(timer);
        reject(new Error("no relay"));
      };
    });
    ws.onmessage = (event) => {
      try {
        onMessage(JSON.parse(String(event.data)) as SyncMessage);
      } catch {
        // Ignore what is not ours.
      }
    };
    return {
      kind: "relay",
      send: (m) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(m)),
      close: () => ws.close(),
    };
  } catch {
    const channel = new BroadcastChannel(`pixel-party:${room}`);
    channel.onmessage = (event: MessageEvent<SyncMessage>) => onMessage(event.data);
    return { kind: "broadcast", send: (m) => channel.postMessage(m), close: () => channel.close() };
  }
}
