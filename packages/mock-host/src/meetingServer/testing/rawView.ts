/**
 * A raw meeting-server view for tests: a `ws` socket that says hello and keeps every frame it
 * receives. Test-only (not published).
 *
 * @module
 */
import { WebSocket } from "ws";

/** A frame as received (any server frame). */
export type Frame = Record<string, unknown> & { t: string };

/** A connected raw view. */
export interface RawView {
  readonly ws: WebSocket;
  /** Every frame received, in order. */
  readonly frames: Frame[];
  readonly welcome: Frame;
  /** Sends a request with the next id and resolves with its answer (`error` included). */
  ask(frame: Record<string, unknown>): Promise<Frame>;
  /** Resolves once `check` holds (polling, bounded). */
  until(check: () => boolean, what?: string): Promise<void>;
  close(): void;
}

let nextId = 1000;

/** Polls `check` every few ms until it holds, at most `ms`. */
export async function until(check: () => boolean, what = "condition", ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what} not met in time`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Opens a view on `url`, says hello with `protocol` and waits for `welcome`. */
export async function rawView(url: string, protocol = 2): Promise<RawView> {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  ws.on("message", (d) => frames.push(JSON.parse(String(d)) as Frame));
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  ws.send(JSON.stringify({ t: "hello", protocol }));
  await until(() => frames.some((f) => f.t === "welcome"), "welcome");
  return {
    ws,
    frames,
    welcome: frames.find((f) => f.t === "welcome") as Frame,
    async ask(frame) {
      const id = nextId++;
      ws.send(JSON.stringify({ ...frame, id }));
      await until(() => frames.some((f) => f.id === id), `answer to ${String(frame.t)}`);
      return frames.find((f) => f.id === id) as Frame;
    },
    until,
    close: () => ws.close(),
  };
}
