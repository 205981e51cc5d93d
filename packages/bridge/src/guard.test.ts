import assert from "node:assert/strict";
import { test } from "node:test";
import { checkRequest, isClean, methodTable } from "./guard.ts";

const table = methodTable({ add: (a: number, b: number) => a + b });

test("a clean request is handed on as it is, not copied", () => {
  const msg = {
    id: "a1.1",
    type: "APPLY",
    path: ["add"],
    argumentList: [{ type: "RAW", value: 1 }],
  };
  const checked = checkRequest(msg, table);
  assert.ok(isClean(checked));
  assert.equal(checked, msg);
});

test("every slot of argumentList is checked, holes included", () => {
  const holes: unknown[] = [{ type: "RAW", value: 1 }];
  holes.length = 3;
  const checked = checkRequest(
    { id: "1", type: "APPLY", path: ["add"], argumentList: holes },
    table,
  );
  assert.equal(isClean(checked), false);
  assert.equal((checked as { code: string }).code, "FORBIDDEN");
  const handler = checkRequest(
    { id: "2", type: "APPLY", path: ["add"], argumentList: [{ type: "HANDLER", name: "proxy" }] },
    table,
  );
  assert.equal((handler as { code: string }).code, "FORBIDDEN");
});

test("a request without arguments is clean", () => {
  assert.ok(isClean(checkRequest({ id: "1", type: "APPLY", path: ["add"] }, table)));
});
