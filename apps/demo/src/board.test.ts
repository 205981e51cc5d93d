import assert from "node:assert/strict";
import { test } from "node:test";
import { Board, colorFor, SIZE } from "./board.ts";

test("instances that apply the same paints in any order converge", () => {
  const a = new Board();
  const b = new Board();
  const opsA = [a.paint(0, "#ff0000", "alice"), a.paint(1, "#ff0000", "alice")];
  const opsB = [b.paint(0, "#00ff00", "bob"), b.paint(5, "#00ff00", "bob")];
  for (const op of opsB) a.apply(op);
  for (const op of [...opsA].reverse()) b.apply(op);
  assert.equal(a.digest(), b.digest());
  // Same Lamport time on cell 0: the larger id wins, everywhere.
  assert.equal(a.cells[0]?.by, "bob");
  assert.equal(b.cells[0]?.by, "bob");
});

test("a later paint wins; a stale one is ignored; bad ops are refused", () => {
  const board = new Board();
  board.apply({ cell: 3, color: "#111111", clock: 5, by: "a" });
  assert.equal(board.apply({ cell: 3, color: "#222222", clock: 4, by: "z" }), false);
  assert.equal(board.apply({ cell: 3, color: "#333333", clock: 6, by: "a" }), true);
  assert.equal(board.cells[3]?.color, "#333333");
  assert.equal(board.apply({ cell: SIZE * SIZE, color: "#333333", clock: 9, by: "a" }), false);
  assert.equal(board.apply({ cell: 1, color: "red", clock: 9, by: "a" }), false);
  assert.equal(board.paint(7, "#abcdef", "me").clock, 7, "the clock follows what it has seen");
});

test("a snapshot rebuilds the same board; reset clears it", () => {
  const a = new Board();
  a.paint(2, "#123456", "x");
  a.paint(9, "#654321", "y");
  const b = new Board();
  for (const op of a.snapshot()) b.apply(op);
  assert.equal(b.digest(), a.digest());
  b.reset();
  assert.equal(b.digest(), new Board().digest());
  assert.notEqual(a.digest(), new Board().digest());
});

test("colours are stable hex per participant", () => {
  assert.equal(colorFor("ms-1"), colorFor("ms-1"));
  assert.match(colorFor("ms-2"), /^#[0-9a-f]{6}$/);
  assert.notEqual(colorFor("ms-1"), colorFor("ms-2"));
});
