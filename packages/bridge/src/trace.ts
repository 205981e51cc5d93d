/**
 * The tracing hook: every handshake, call, result, error, event and close on a connection, with
 * timestamps, for the harness timeline and certification.
 *
 * @module
 */

/** What happened. */
export type BridgeTraceKind =
  | "handshake"
  | "call"
  | "result"
  | "error"
  | "event"
  | "close"
  | "rejected";

/** One trace entry. */
export interface BridgeTraceEntry {
  /** Milliseconds since the epoch (from the bridge's `now`). */
  t: number;
  side: "app" | "host";
  kind: BridgeTraceKind;
  /** The connection's id (`undefined` for messages refused before a connection exists). */
  connectionId?: string;
  /** The call id, pairing a call with its result or error. */
  callId?: string;
  method?: string;
  args?: readonly unknown[];
  value?: unknown;
  event?: string;
  payload?: unknown;
  error?: { code: string; message: string };
  durationMs?: number;
  origin?: string;
}

/** Receives trace entries; must not throw (errors are swallowed). */
export type BridgeTraceHook = (entry: BridgeTraceEntry) => void;

/** Calls the hook, never letting it break the bridge. */
export function emitTrace(hook: BridgeTraceHook | undefined, entry: BridgeTraceEntry): void {
  if (!hook) return;
  try {
    hook(entry);
  } catch {
    // A faulty trace consumer must not break calls.
  }
}

/** The default clock: wall time with sub-millisecond resolution. */
export const defaultNow = (): number => performance.timeOrigin + performance.now();
