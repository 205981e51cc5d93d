import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { test } from "node:test";
import { main } from "../main.ts";
import { capture } from "../testing/capture.ts";
import { runDemo } from "./demo.ts";

test("the demo scenario passes every step with 3 and with 8 participants", async () => {
  for (const n of [3, 8]) {
    const { steps, meeting } = await runDemo(n);
    assert.ok(steps.length >= 8, `${n}: ${steps.length} steps`);
    assert.deepEqual(
      steps.filter((s) => !s.ok),
      [],
      `${n} participants`,
    );
    assert.ok(meeting.trace.entries().some((e) => e.name === "collaboration.start"));
  }
});

test("yiqi demo prints the steps, the timeline and a closing count line; exit 0", async () => {
  const c = capture();
  const code = await main(["demo"], c.io);
  assert.equal(code, 0, c.err.join("\n"));
  const text = c.out.join("\n");
  assert.match(text, /✔ Host clicks 一起用/);
  assert.match(text, /Timeline:/);
  assert.match(text, /collaboration\.start/);
  assert.match(c.out.at(-1) ?? "", /^\d+ passed, 0 failed$/);
});

test("bad options exit 2 with a message that says what to do", async () => {
  const c = capture();
  assert.equal(await main(["demo", "--participants", "1"], c.io), 2);
  assert.match(c.err.join("\n"), /--participants must be a whole number from 2 to 64/);
  const d = capture();
  assert.equal(await main(["demo", "--bogus"], d.io), 2);
  assert.match(d.err.join("\n"), /unknown option --/);
  const e = capture();
  assert.equal(await main(["nope"], e.io), 2);
  assert.match(e.err.join("\n"), /unknown command "nope"/);
});

test("a trace file that cannot be written is a usage problem: one line, exit 2, before the run", async () => {
  for (const file of ["/nonexistent-yiqi-dir/trace.json", tmpdir()]) {
    const c = capture();
    assert.equal(await main(["demo", "--quiet", "--trace", file], c.io), 2, file);
    assert.equal(c.err.length, 1, c.err.join("\n"));
    assert.match(
      c.err[0] ?? "",
      /cannot write the trace to .*\((ENOENT|EISDIR)\): pass --trace with a file/,
    );
    // Checked up front: the flow never ran, so nothing was narrated.
    assert.deepEqual(c.out, [], file);
  }
});
