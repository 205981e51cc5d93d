/**
 * Contract cases for one-way messages (`Connection.notify`, decision 0019): delivered in order
 * without an answer, sent as calls to a host that does not offer them, and refused or dropped
 * (never answered, never breaking the connection) when malformed or flooding.
 *
 * @module
 */
import { ContractFailure, expectEqual, show } from "./expect.ts";
import { rawCall } from "./raw.ts";
import { CONTRACT_NAMESPACE, type ContractCase } from "./testApi.ts";

const oneway = (msg: unknown): Record<string, unknown> => ({
  bridge: "yiqi",
  ns: CONTRACT_NAMESPACE,
  v: 1,
  kind: "oneway",
  msg,
});
const apply = (id: string, method: string, value: unknown): Record<string, unknown> => ({
  id,
  type: "APPLY",
  path: [method],
  argumentList: [{ type: "RAW", value }],
});

/** Collects every `rpc` answer on `port` (one-way messages must get none). */
const answers = (port: MessagePort): unknown[] => {
  const seen: unknown[] = [];
  port.addEventListener("message", (event: MessageEvent) => {
    const data = event.data as { kind?: string; msg?: unknown };
    if (data?.kind === "rpc") seen.push(data.msg);
  });
  port.start();
  return seen;
};

/** One-way delivery, the fallback to calls, malformed and flooding one-way messages. */
export const onewayCases: readonly ContractCase[] = [
  {
    name: "one-way messages run in order, before a later call, and get no answer",
    async run(ctx) {
      const conn = await ctx.connect();
      for (let i = 0; i < 5; i++) conn.notify("note", [i]);
      expectEqual(await conn.remote.notes(), [0, 1, 2, 3, 4], "notes after five one-way");
      conn.close();
    },
  },
  {
    name: "a host that does not offer one-way messages gets them as calls",
    host: { oneway: false },
    async run(ctx) {
      const conn = await ctx.connect();
      conn.notify("note", ["a"]);
      conn.notify("note", ["b"]);
      expectEqual(await conn.remote.notes(), ["a", "b"], "notes sent as calls");
      conn.close();
    },
  },
  {
    name: "malformed one-way messages are refused without an answer; the connection keeps working",
    host: { maxMessageBytes: 4096 },
    async run(ctx) {
      const port = await ctx.rawHandshake();
      const seen = answers(port);
      const bad: unknown[] = [
        null,
        "garbage",
        { type: "APPLY", path: ["note"], argumentList: [] }, // no id
        { id: "g", type: "GET", path: ["note"] },
        { id: "s", type: "SET", path: ["note"], value: { type: "RAW", value: 1 } },
        { id: "p1", type: "APPLY", path: ["__proto__"], argumentList: [] },
        { id: "p2", type: "APPLY", path: ["constructor", "constructor"], argumentList: [] },
        { id: "m", type: "APPLY", path: ["nope"], argumentList: [] },
        {
          id: "h",
          type: "APPLY",
          path: ["note"],
          argumentList: [{ type: "HANDLER", name: "proxy" }],
        },
        apply("big", "note", "x".repeat(10_000)),
      ];
      for (const msg of bad) port.postMessage(oneway(msg));
      // Not even a bridge envelope: a one-way kind without its message.
      port.postMessage({ bridge: "yiqi", ns: CONTRACT_NAMESPACE, v: 1, kind: "oneway" });
      port.postMessage(oneway(apply("good", "note", "ok")));
      const notes = await rawCall(port, { id: "n", type: "APPLY", path: ["notes"] });
      expectEqual((notes as { value?: unknown }).value, ["ok"], "only the good one-way ran");
      const stray = seen.filter((m) => (m as { id?: unknown })?.id !== "n");
      if (stray.length > 0)
        throw new ContractFailure(`one-way messages were answered: ${show(stray)}`);
      port.close();
    },
  },
  {
    name: "a flood of one-way messages is bounded (the excess dropped) and calls keep being served",
    host: { maxOneWayPerSecond: 1000 },
    async run(ctx) {
      const port = await ctx.rawHandshake();
      const seen = answers(port);
      const flood = 5000;
      for (let i = 0; i < flood; i++) port.postMessage(oneway(apply(`f${i}`, "note", i)));
      const sum = await rawCall(port, {
        id: "after",
        type: "APPLY",
        path: ["add"],
        argumentList: [
          { type: "RAW", value: 2 },
          { type: "RAW", value: 3 },
        ],
      });
      expectEqual((sum as { value?: unknown }).value, 5, "a call after the flood");
      const notes = (await rawCall(port, { id: "n", type: "APPLY", path: ["notes"] })) as {
        value?: unknown[];
      };
      const taken = notes.value?.length ?? 0;
      if (taken === 0 || taken >= flood)
        throw new ContractFailure(
          `${taken} of ${flood} flooded one-way messages ran: none dropped`,
        );
      // The bound drops the excess, never reorders what it takes.
      const values = (notes.value ?? []) as number[];
      if (values.some((n, i) => i > 0 && n <= (values[i - 1] as number)))
        throw new ContractFailure("the one-way messages taken ran out of order");
      if (seen.length !== 2)
        throw new ContractFailure(`the flood was answered: ${seen.length - 2} stray answers`);
      port.close();
    },
  },
];
