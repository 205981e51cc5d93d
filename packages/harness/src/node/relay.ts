/**
 * The relay: a WebSocket service that rebroadcasts each message to the other sockets of the
 * same room. A stand-in for an app's own backend (Tencent gives apps no data channel), scoped per
 * app so two apps never share a room, with quotas per app so one app (or one client) cannot lock
 * the others out, and a bound on what it buffers for a peer that does not read
 * (docs/decisions/0006). Who may join (the app's participant origins) is checked by the server.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { refuseUpgrade } from "./respond.ts";

/** Limits of the relay. */
export interface RelayLimits {
  /** Largest message; a larger one closes its socket (1009). */
  readonly maxMessageBytes: number;
  /** Open rooms per app. */
  readonly maxRoomsPerApp: number;
  /** Open sockets per app, all its rooms together. */
  readonly maxSocketsPerApp: number;
  /** Sockets per room. */
  readonly maxPerRoom: number;
  /** Open sockets in all, a memory backstop. */
  readonly maxSockets: number;
  /** Bytes waiting to be sent to one peer before it is dropped (1013) as too slow. */
  readonly maxBufferedBytes: number;
  /** How long a dropped peer gets to read its close frame before it is cut off. */
  readonly dropGraceMs: number;
}

/** The relay's default limits. */
export const RELAY_LIMITS: RelayLimits = {
  maxMessageBytes: 64 * 1024,
  maxRoomsPerApp: 100,
  maxSocketsPerApp: 512,
  maxPerRoom: 128,
  maxSockets: 2048,
  maxBufferedBytes: 1024 * 1024,
  dropGraceMs: 1000,
};

/** A running relay. */
export interface Relay {
  /**
   * Takes over an upgrade request for room `room` (the `room` query parameter) of app `appId`,
   * or refuses it (400 without a valid room, 503 when a quota is full).
   */
  handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    appId: string,
    room: string | null,
  ): void;
  /** Open rooms (`<appId>:<room>`) and their socket counts. */
  rooms(): Record<string, number>;
  close(): void;
}

interface AppRooms {
  readonly rooms: Map<string, Set<WebSocket>>;
  sockets: number;
}

/** Creates the relay; `limits` override {@link RELAY_LIMITS} (tests). */
export function createRelay(limits: Partial<RelayLimits> = {}): Relay {
  const max: RelayLimits = { ...RELAY_LIMITS, ...limits };
  const wss = new WebSocketServer({ noServer: true, maxPayload: max.maxMessageBytes });
  const apps = new Map<string, AppRooms>();
  let sockets = 0;

  /** Why a new socket for `room` of `appId` cannot be admitted, or null. */
  const full = (appId: string, room: string): string | null => {
    const app = apps.get(appId);
    const members = app?.rooms.get(room);
    if (sockets >= max.maxSockets)
      return `the relay is full (${max.maxSockets} sockets in all): close other tabs or restart the harness`;
    if (!members && (app?.rooms.size ?? 0) >= max.maxRoomsPerApp)
      return `app ${appId} has ${max.maxRoomsPerApp} rooms open, the most it may: leave some rooms (close their sockets) first`;
    if ((app?.sockets ?? 0) >= max.maxSocketsPerApp)
      return `app ${appId} has ${max.maxSocketsPerApp} relay sockets open, the most it may: close some first`;
    if ((members?.size ?? 0) >= max.maxPerRoom)
      return `room ${room} is full (${max.maxPerRoom} sockets): use another room`;
    return null;
  };

  /** The way out of its room for each member socket (absent once it left or was dropped). */
  const leaves = new Map<WebSocket, () => void>();

  const join = (ws: WebSocket, appId: string, room: string): Set<WebSocket> => {
    const app = apps.get(appId) ?? { rooms: new Map(), sockets: 0 };
    apps.set(appId, app);
    const members = app.rooms.get(room) ?? new Set<WebSocket>();
    app.rooms.set(room, members);
    members.add(ws);
    app.sockets += 1;
    sockets += 1;
    leaves.set(ws, () => {
      leaves.delete(ws);
      members.delete(ws);
      app.sockets -= 1;
      sockets -= 1;
      if (members.size === 0) app.rooms.delete(room);
      if (app.rooms.size === 0) apps.delete(appId);
    });
    return members;
  };
  const leave = (ws: WebSocket): void => leaves.get(ws)?.();

  /** Drops a peer that does not read: nothing more is queued for it, and it is cut off soon. */
  const drop = (peer: WebSocket): void => {
    leave(peer);
    peer.close(1013, "too slow: over the relay's send buffer; read messages faster");
    setTimeout(() => peer.terminate(), max.dropGraceMs).unref();
  };

  return {
    handleUpgrade(request, socket, head, appId, room): void {
      if (!room || room.length > 200) {
        refuseUpgrade(
          socket,
          400,
          "the relay needs ?room=<id> (1 to 200 characters), e.g. /__yiqi/relay?room=session-1",
        );
        return;
      }
      const why = full(appId, room);
      if (why) {
        refuseUpgrade(socket, 503, why);
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        // Quotas are checked again: another upgrade may have completed in between.
        const late = full(appId, room);
        if (late) {
          ws.close(1013, late.slice(0, 120));
          return;
        }
        const members = join(ws, appId, room);
        ws.on("message", (data, isBinary) => {
          if (!leaves.has(ws)) return;
          for (const peer of [...members]) {
            if (peer === ws || peer.readyState !== peer.OPEN) continue;
            if (peer.bufferedAmount > max.maxBufferedBytes) drop(peer);
            else peer.send(data, { binary: isBinary });
          }
        });
        ws.on("close", () => leave(ws));
        ws.on("error", () => {
          leave(ws);
          ws.terminate();
        });
      });
    },
    rooms(): Record<string, number> {
      const out: Record<string, number> = {};
      for (const [appId, app] of apps)
        for (const [room, members] of app.rooms) out[`${appId}:${room}`] = members.size;
      return out;
    },
    close(): void {
      for (const app of apps.values())
        for (const members of app.rooms.values()) for (const ws of members) ws.terminate();
      apps.clear();
      leaves.clear();
      sockets = 0;
      wss.close();
    },
  };
}
