/**
 * The relay: a WebSocket service that rebroadcasts each message to the other sockets of the
 * same room. A stand-in for an app's own backend (Tencent gives apps no data channel), scoped per
 * app so two apps never share a room.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";

/** Limits of the relay. */
export const RELAY_LIMITS: {
  readonly maxMessageBytes: number;
  readonly maxRooms: number;
  readonly maxPerRoom: number;
} = {
  maxMessageBytes: 64 * 1024,
  maxRooms: 1000,
  maxPerRoom: 128,
};

/** A running relay. */
export interface Relay {
  /** Takes over an upgrade request for `/__yiqi/relay?room=…` of app `appId`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, appId: string): void;
  /** Open rooms and their socket counts. */
  rooms(): Record<string, number>;
  close(): void;
}

/** Creates the relay. */
export function createRelay(): Relay {
  const wss = new WebSocketServer({ noServer: true, maxPayload: RELAY_LIMITS.maxMessageBytes });
  const rooms = new Map<string, Set<WebSocket>>();
  return {
    handleUpgrade(request, socket, head, appId): void {
      const room = new URL(request.url ?? "/", "http://x").searchParams.get("room");
      if (!room || room.length > 200) {
        socket.end(
          "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n\r\nthe relay needs ?room=<id> (at most 200 characters)\n",
        );
        return;
      }
      const key = `${appId}:${room}`;
      const members = rooms.get(key) ?? new Set<WebSocket>();
      if (
        (!rooms.has(key) && rooms.size >= RELAY_LIMITS.maxRooms) ||
        members.size >= RELAY_LIMITS.maxPerRoom
      ) {
        socket.end(
          "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\nthe relay is full\n",
        );
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        rooms.set(key, members);
        members.add(ws);
        ws.on("message", (data, isBinary) => {
          for (const peer of members)
            if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary });
        });
        ws.on("close", () => {
          members.delete(ws);
          if (members.size === 0) rooms.delete(key);
        });
        ws.on("error", () => ws.terminate());
      });
    },
    rooms(): Record<string, number> {
      return Object.fromEntries([...rooms].map(([k, v]) => [k, v.size]));
    },
    close(): void {
      for (const members of rooms.values()) for (const ws of members) ws.terminate();
      rooms.clear();
      wss.close();
    },
  };
}
