/**
 * Builders of the device's answers: in-band results and the JSON-RPC internal error.
 *
 * @module
 */
import type { RoomsJsonRpcError, RoomsResult } from "@yiqi/rooms-rpc";
import { describeValue } from "./describe.ts";
import type { Outcome } from "./module.ts";

/** An in-band failure. */
export const fail = (error_code: number, message: string): RoomsResult => ({ error_code, message });

/** The JSON-RPC -32603 answer to a frame the device failed on (a bug, never bad input). */
export const internalError = (e: unknown): RoomsJsonRpcError => ({
  jsonrpc: "2.0" as const,
  id: null,
  error: {
    code: -32603,
    message: `Internal error: the emulated device failed on this frame (${describeValue(e instanceof Error ? e.message : e)}); the connection is closed. Please report it with the frame.`,
  },
});

/** An outcome as a result. */
export const toResult = (o: Outcome): RoomsResult =>
  o.data === undefined
    ? { error_code: o.error_code, message: o.message }
    : { error_code: o.error_code, message: o.message, data: o.data };

/** A `Call` result with the `action` echoed (when it is a string). */
export const withAction = (r: RoomsResult, action: unknown): RoomsResult =>
  typeof action === "string"
    ? {
        error_code: r.error_code,
        action,
        message: r.message,
        ...(r.data !== undefined ? { data: r.data } : {}),
      }
    : r;
