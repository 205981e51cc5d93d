/**
 * Contract cases for the compact wire (decision 0011): malformed compact calls are refused with
 * the comlink form's codes, in the compact form when they carry a usable id and never
 * otherwise, and never break the connection; a late answer to a timed-out call is ignored.
 *
 * @module
 */
import { ContractFailure, expectBridgeError, expectEqual, show, waitFor } from "./expect.ts";
import type { ContractCase } from "./testApi.ts";

/** Collects every compact answer (an array) on `port`. */
const compactAnswers = (port: MessagePort): unknown[][] => {
  const seen: unknown[][] = [];
  port.addEventListener("message", (event: MessageEvent) => {
    if (Array.isArray(event.data)) seen.push(event.data as unknown[]);
  });
  port.start();
  return seen;
};

/** Waits until `seen` holds an answer whose first element is `key` (at most 2 s). */
async function answerFor(seen: unknown[][], key: number): Promise<unknown[]> {
  for (let waited = 0; waited < 2000; waited += 10) {
    const found = seen.find((a) => a[0] === key);
    if (found) return found;
    await waitFor(10);
  }
  throw new ContractFailure(`no compact answer ${key}; got ${show(seen)}`);
}

/** Malformed compact calls, duplicate ids, and timeouts with one timer per connection. */
export const compactCases: readonly ContractCase[] = [
  {
    name: "malformed compact calls are refused with a code, answered only when they carry an id",
    host: { maxMessageBytes: 4096 },
    async run(ctx) {
      const port = await ctx.rawHandshake();
      const seen = compactAnswers(port);
      const holey: unknown[] = [5, "add", 1];
      holey[4] = 2; // index 3 is a hole
      const sparse: unknown[] = [6, "echo"];
      sparse.length = 1e8;
      const refused: [unknown[], string][] = [
        [[1, "__proto__"], "FORBIDDEN"],
        [[2, "nope"], "METHOD_NOT_FOUND"],
        [[3, 42], "METHOD_NOT_FOUND"],
        [[4, "add", ...Array.from({ length: 33 }, () => 1)], "INVALID_MESSAGE"],
        [holey, "INVALID_MESSAGE"],
        [sparse, "MESSAGE_TOO_LARGE"],
        [[7, "echo", "x".repeat(10_000)], "MESSAGE_TOO_LARGE"],
        [[8, "toString"], "METHOD_NOT_FOUND"],
      ];
      // No usable id: refused without an answer.
      for (const junk of [[], [0, "add", 1, 2], [1.5, "add", 1, 2], ["9", "add", 1, 2]])
        port.postMessage(junk);
      for (const [msg] of refused) port.postMessage(msg);
      for (const [msg, code] of refused) {
        const id = msg[0] as number;
        const answer = await answerFor(seen, -id);
        expectEqual(answer[1], code, `code of ${show(msg).slice(0, 60)}`);
        if (typeof answer[2] !== "string" || answer[2].length === 0)
          throw new ContractFailure(`refusal of ${id} has no message: ${show(answer)}`);
      }
      port.postMessage([10, "add", 2, 2]);
      expectEqual(await answerFor(seen, 10), [10, 4], "compact call after the junk");
      if (seen.some((a) => a[0] === 0 || a[0] === 0 || a[0] === 1.5 || a[0] === "9"))
        throw new ContractFailure(`a call without a usable id was answered: ${show(seen)}`);
      port.close();
    },
  },
  {
    name: "a compact call whose id is still pending is refused; the first one is answered",
    async run(ctx) {
      const port = await ctx.rawHandshake();
      const seen = compactAnswers(port);
      port.postMessage([11, "sleep", 50]);
      port.postMessage([11, "add", 1, 1]);
      expectEqual((await answerFor(seen, -11))[1], "INVALID_MESSAGE", "duplicate id");
      expectEqual(await answerFor(seen, 11), [11, "slept"], "the first call's answer");
      port.close();
    },
  },
  {
    name: "many calls time out on time with one timer; a late answer is ignored",
    async run(ctx) {
      const conn = await ctx.connect();
      // Deadlines in decreasing order: each new call moves the connection's one timer earlier.
      const late = [90, 70, 50, 30].map((ms) =>
        expectBridgeError(conn.call("sleep", [400], { timeout: ms }), "CALL_TIMEOUT"),
      );
      const inTime = conn.call("sleep", [10], { timeout: 5000 });
      const errors = await Promise.all(late);
      expectEqual(
        errors.map((e) => e.details.timeoutMs),
        [90, 70, 50, 30],
        "each call's own timeout",
      );
      expectEqual(await inTime, "slept", "a call within its timeout");
      // The host answers the timed-out calls later; those answers must settle nothing.
      await waitFor(450);
      expectEqual(await conn.remote.add(2, 5), 7, "a call after the late answers");
      conn.close();
    },
  },
];
