/**
 * An in-memory handshake transport over `MessageChannel`, for Node, Deno, workers and tests. It
 * plays the runtime's part: it stamps each message with the sender's origin and whether it
 * came from the peer, so the same bridge code (and the same contract tests) run here and over
 * real windows.
 *
 * @module
 */
import type { AppTransport, HostTransport, InboundMessage } from "./transport.ts";

/** Options of {@link createMemoryLink}. */
export interface MemoryLinkOptions {
  /** The origin the host sees for the app (default `https://app.example`). */
  appOrigin?: string;
  /** The origin the app sees for the host (default `https://host.example`). */
  hostOrigin?: string;
}

/** Both ends of an in-memory link, plus a way to inject messages from other senders. */
export interface MemoryLink {
  /** The app's end (its hello is addressed to the host's origin). */
  app: AppTransport;
  /** The host's end. */
  host: HostTransport;
  /** A transport for another sender (a hostile frame): its messages are never `fromPeer`. */
  stranger(origin: string): AppTransport;
  /**
   * The app's transport, addressing its hello to `targetOrigin`: as with `postMessage`, nothing
   * is delivered unless that is the host's origin.
   */
  appAddressing(targetOrigin: string): AppTransport;
  /** Closes the underlying channel. */
  close(): void;
}

interface Stamped {
  from: "peer" | "stranger";
  origin: string;
  data: unknown;
}

/**
 * Creates a linked app/host transport pair.
 *
 * @example
 * ```ts
 * const link = createMemoryLink({ appOrigin: "https://app.example" });
 * const host = createHost({ transport: link.host, expose: () => api });
 * const conn = await connectToHost({ transport: link.app });
 * ```
 */
export function createMemoryLink(options: MemoryLinkOptions = {}): MemoryLink {
  const appOrigin = options.appOrigin ?? "https://app.example";
  const hostOrigin = options.hostOrigin ?? "https://host.example";
  const toHost = new MessageChannel();
  const toApp = new MessageChannel();
  const hostHandlers = new Set<(m: InboundMessage) => void>();
  const appHandlers = new Set<(m: InboundMessage) => void>();
  toHost.port2.onmessage = (event: MessageEvent<Stamped>): void => {
    const { from, origin, data } = event.data;
    const message = { data, origin, fromPeer: from === "peer", ports: [...event.ports] };
    for (const h of hostHandlers) h(message);
  };
  toApp.port2.onmessage = (event: MessageEvent<unknown>): void => {
    const message = {
      data: event.data,
      origin: hostOrigin,
      fromPeer: true,
      ports: [...event.ports],
    };
    for (const h of appHandlers) h(message);
  };
  const sender = (
    from: Stamped["from"],
    origin: string,
    targetOrigin = hostOrigin,
  ): AppTransport => ({
    hostLabel: targetOrigin,
    hostOrigin: targetOrigin,
    send(data: unknown): void {
      if (targetOrigin !== hostOrigin) return;
      toHost.port1.postMessage({ from, origin, data } satisfies Stamped);
    },
    listen(handler: (message: InboundMessage) => void): () => void {
      if (from !== "peer") return () => {};
      appHandlers.add(handler);
      return () => appHandlers.delete(handler);
    },
  });
  return {
    app: sender("peer", appOrigin),
    host: {
      defaultOrigins: [appOrigin],
      listen(handler: (message: InboundMessage) => void): () => void {
        hostHandlers.add(handler);
        return () => hostHandlers.delete(handler);
      },
      reply(origin: string, data: unknown, transfer: MessagePort[] = []): void {
        // As a browser does with a targetOrigin: drop what is addressed to another origin.
        if (origin !== appOrigin) return;
        toApp.port1.postMessage(data, transfer);
      },
    },
    stranger: (origin: string): AppTransport => sender("stranger", origin),
    appAddressing: (targetOrigin: string): AppTransport => sender("peer", appOrigin, targetOrigin),
    close(): void {
      for (const p of [toHost.port1, toHost.port2, toApp.port1, toApp.port2]) p.close();
      hostHandlers.clear();
      appHandlers.clear();
    },
  };
}
