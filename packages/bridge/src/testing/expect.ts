/**
 * The contract's assertions, framework-free so the cases run under node:test, Deno and in a
 * browser page.
 *
 * @module
 */
import { BridgeError, type BridgeErrorCode } from "../errors.ts";

/** Thrown when a contract expectation fails. */
export class ContractFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractFailure";
  }
}

/** A value as canonical JSON (or its string form), for messages. */
export const show = (v: unknown): string => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

/** Deep equality on structured-clone data, by canonical JSON. */
export function expectEqual(actual: unknown, expected: unknown, what = "value"): void {
  if (show(actual) !== show(expected))
    throw new ContractFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Expects `promise` to reject with a `BridgeError` of `code`; returns it. */
export async function expectBridgeError(
  promise: Promise<unknown>,
  code: BridgeErrorCode,
): Promise<BridgeError> {
  try {
    const value = await promise;
    throw new ContractFailure(
      `expected a ${code} BridgeError, but it resolved with ${show(value)}`,
    );
  } catch (error) {
    if (error instanceof ContractFailure) throw error;
    if (!(error instanceof BridgeError))
      throw new ContractFailure(`expected a ${code} BridgeError, got ${String(error)}`);
    if (error.code !== code)
      throw new ContractFailure(`expected ${code}, got ${error.code}: ${error.message}`);
    if (error.message.length < 20)
      throw new ContractFailure(`error message too terse to act on: ${error.message}`);
    return error;
  }
}

/** Resolves after `ms`. */
export const waitFor = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
