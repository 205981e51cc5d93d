import assert from "node:assert/strict";
import { test } from "node:test";
import { a3Flow } from "./a3Flow.ts";
import { findScenario } from "./builtin.ts";

const table = (flow: ReturnType<typeof a3Flow<string>>): string[] =>
  flow.map(({ phase, actors }) => `${phase} ${actors.join(" ")}`);

test("a3Flow: the host opens first, starts and ends; the last joiner leaves and rejoins", () => {
  assert.deepEqual(table(a3Flow(["p1", "p2", "p3"])), [
    "open p1 p2 p3",
    "start p1",
    "join p2 p3",
    "leave p3",
    "rejoin p3",
    "end p1",
  ]);
});

test("a3Flow: with reload, the first joiner reloads after the joins", () => {
  assert.deepEqual(table(a3Flow(["p1", "p2"], { reload: true })), [
    "open p1 p2",
    "start p1",
    "join p2",
    "reload p2",
    "leave p2",
    "rejoin p2",
    "end p1",
  ]);
});

test("a3Flow needs a host and an attendee", () => {
  assert.throws(() => a3Flow(["p1"]), /host and at least one attendee/);
  assert.throws(() => a3Flow([]), /host and at least one attendee/);
});

test("the a3-flow scenario follows a3Flow", () => {
  const actions = findScenario("a3-flow")?.steps.filter((s) => s.kind === "action");
  assert.deepEqual(
    actions?.map((s) => s.label),
    [
      "Host opens the app",
      "Alice opens the app",
      "Bob opens the app",
      "Host clicks the start button",
      "Alice clicks 加入",
      "Bob clicks 加入",
      "Alice's app reloads",
      "Bob clicks 离开",
      "Bob clicks 加入",
      "Host clicks 结束",
    ],
  );
});
