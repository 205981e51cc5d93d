/**
 * The Node adapters' answer to a refused WebSocket upgrade (Rooms device server and meeting
 * server): a plain-text HTTP error written on the raw socket, which is then closed.
 *
 * @module
 */
import type { Duplex } from "node:stream";

const TITLES: Record<number, string> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Answers a refused upgrade with a plain-text HTTP error and closes the socket. */
export const refuseUpgrade = (socket: Duplex, status: number, text: string): void => {
  const body = Buffer.from(text, "utf8");
  socket.end(
    `HTTP/1.1 ${status} ${TITLES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString("latin1")}`,
    "latin1",
  );
};
