import assert from "node:assert/strict";
import { test } from "node:test";
import { MeetingError } from "../meeting/errors.ts";
import { assertRoomsRole, ROOMS_ROLES } from "./controls.ts";
import { RoomsDevice } from "./RoomsDevice.ts";

const role = (d: RoomsDevice) =>
  JSON.parse(
    d.handle(
      JSON.stringify({ jsonrpc: "2.0", id: "1", method: "Query", params: { path: ["Meeting"] } }),
    ),
  );

for (const bad of [0, 4, "host", 2.5, null, undefined, Number.NaN]) {
  test(`setRoomsRole(${String(bad)}) is refused with INVALID_ARGUMENT listing the roles; nothing changes`, () => {
    const d = new RoomsDevice();
    d.world.stageBusy();
    const before = role(d);
    assert.throws(
      () => d.world.setRoomsRole(bad as never),
      (e: unknown) =>
        e instanceof MeetingError &&
        e.code === "INVALID_ARGUMENT" &&
        e.message.includes("1 (host), 2 (cohost), 3 (attendee)"),
    );
    assert.deepEqual(role(d), before);
  });
}

test("every role of ROOMS_ROLES is accepted", () => {
  const d = new RoomsDevice();
  d.world.stageBusy();
  for (const r of Object.values(ROOMS_ROLES)) {
    assert.doesNotThrow(() => assertRoomsRole(r));
    d.world.setRoomsRole(r);
  }
});
