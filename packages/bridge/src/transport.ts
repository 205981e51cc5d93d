/**
 * Transports carry the handshake between an app and its host; after it, all traffic moves to a
 * transferred `MessagePort`. A transport does one job the bridge cannot: it knows which peer a
 * message came from (`fromPeer`) and from which origin, as the runtime reports them, never as
 * the message claims.
 *
 * @module
 */

/** One inbound handshake message, as a transport reports it. */
export interface InboundMessage {
  data: unknown;
  /** The sender's origin as the runtime reports it (`MessageEvent.origin`). */
  origin: string;
  /** True only when the runtime says the sender is this transport's peer (e.g. the iframe). */
  fromPeer: boolean;
  /** Ports transferred with the message. */
  ports: readonly MessagePort[];
}

/** The app side of a handshake transport (e.g. posting to `window.parent`). */
export interface AppTransport {
  /** A description of the host for error messages, e.g. its origin. */
  readonly hostLabel: string;
  /** Sends to the host, never to an unchecked origin. */
  send(data: unknown): void;
  /** Receives messages; the bridge uses only those `fromPeer` and from the host origin. */
  listen(handler: (message: InboundMessage) => void): () => void;
  /** The host origin replies must come from. */
  readonly hostOrigin: string;
  /** Calls `handler` when the app's page goes away (e.g. `pagehide`); returns the unsubscribe. */
  onUnload?(handler: () => void): () => void;
}

/** The host side of a handshake transport for one app peer (e.g. one iframe). */
export interface HostTransport {
  /** The origins accepted when the host passes none (e.g. the iframe URL's origin). */
  readonly defaultOrigins: readonly string[];
  /** Receives messages from anyone; the bridge uses only those `fromPeer`. */
  listen(handler: (message: InboundMessage) => void): () => void;
  /** Replies to the peer at exactly `origin`, optionally transferring ports. */
  reply(origin: string, data: unknown, transfer?: MessagePort[]): void;
}
