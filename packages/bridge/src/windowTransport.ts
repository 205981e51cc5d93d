/**
 * Handshake transports over `window.postMessage`, for an app in an iframe and its host page.
 *
 * @module
 */
import { BridgeError } from "./errors.ts";
import type { AppTransport, HostTransport, InboundMessage } from "./transport.ts";

/**
 * Checks that `origin` is one exact, serialised web origin (`https://host:port`), never `'*'`,
 * `'null'`, a path or a pattern, and returns it. Throws `ORIGIN_REJECTED` otherwise.
 */
export function exactOrigin(origin: string, what = "origin"): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.origin === "null" || parsed.origin !== origin) {
    throw new BridgeError(
      "ORIGIN_REJECTED",
      `${what} ${JSON.stringify(origin)} is not an exact origin: pass scheme://host[:port] with no path and no wildcard (the bridge never posts to '*')`,
      { origin },
    );
  }
  return origin;
}

/** Options of {@link windowAppTransport}. */
export interface WindowAppTransportOptions {
  /** The exact origin of the host page (never `'*'`). */
  hostOrigin: string;
  /** The host window (default `window.parent`). */
  parent?: Window;
  /** The app's own window, where replies arrive (default `window`). */
  self?: Window;
}

/**
 * The app side: posts to the parent window at exactly `hostOrigin` and hears only messages
 * whose `source` is that parent.
 *
 * @example
 * ```ts
 * const conn = await connectToHost({ transport: windowAppTransport({ hostOrigin: "https://host.example" }) });
 * ```
 */
export function windowAppTransport(options: WindowAppTransportOptions): AppTransport {
  const hostOrigin = exactOrigin(options.hostOrigin, "hostOrigin");
  const self = options.self ?? globalThis.window;
  const parent = options.parent ?? self?.parent;
  if (!self || !parent || parent === self) {
    throw new BridgeError(
      "NO_HOST",
      "this page is not inside a frame, so no meeting client can host it: open it from the Yiqi harness (or a host page that embeds it in an iframe)",
    );
  }
  return {
    hostLabel: hostOrigin,
    hostOrigin,
    send(data: unknown): void {
      parent.postMessage(data, hostOrigin);
    },
    listen(handler: (message: InboundMessage) => void): () => void {
      const onMessage = (event: MessageEvent): void => {
        handler({
          data: event.data,
          origin: event.origin,
          fromPeer: event.source === parent,
          ports: event.ports,
        });
      };
      self.addEventListener("message", onMessage);
      return () => self.removeEventListener("message", onMessage);
    },
    onUnload(handler: () => void): () => void {
      self.addEventListener("pagehide", handler);
      return () => self.removeEventListener("pagehide", handler);
    },
  };
}

/** Options of {@link windowHostTransport}. */
export interface WindowHostTransportOptions {
  /** The host window that receives the frame's messages (default: the iframe's owner window). */
  window?: Window;
}

/**
 * The host side for one iframe: hears every message on the host window but marks as `fromPeer`
 * only those whose `source` is this iframe's `contentWindow`; replies go to that window at
 * exactly the origin the runtime reported. The default allowed origin is the origin of the
 * iframe's `src` at handshake time.
 */
export function windowHostTransport(
  iframe: HTMLIFrameElement,
  options: WindowHostTransportOptions = {},
): HostTransport {
  const win = options.window ?? iframe.ownerDocument.defaultView;
  if (!win) throw new BridgeError("INVALID_OPTIONS", "the iframe is not attached to a window");
  return {
    get defaultOrigins(): readonly string[] {
      try {
        return [new URL(iframe.src, iframe.ownerDocument.baseURI).origin];
      } catch {
        return [];
      }
    },
    listen(handler: (message: InboundMessage) => void): () => void {
      const onMessage = (event: MessageEvent): void => {
        const frame = iframe.contentWindow;
        handler({
          data: event.data,
          origin: event.origin,
          fromPeer: frame !== null && event.source === frame,
          ports: event.ports,
        });
      };
      win.addEventListener("message", onMessage);
      return () => win.removeEventListener("message", onMessage);
    },
    reply(origin: string, data: unknown, transfer: MessagePort[] = []): void {
      iframe.contentWindow?.postMessage(data, exactOrigin(origin), transfer);
    },
  };
}
