import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { connectWemeet } from "./connect.ts";
import { NOTICE_LIMITS, type WemeetNotice } from "./notices.ts";
import { startTestHost, TEST_ENVIRONMENT } from "./testing/testHost.ts";
import type { HostResult } from "./types.ts";

const ok = <T>(value: T): HostResult<T> => ({ ok: true, value });

/** A host serving `notify` (announcing notices unless `announce` is false) that records them. */
function noticeHost(announce: boolean) {
  const notices: WemeetNotice[] = [];
  const calls: string[] = [];
  const {
    link,
    host,
    emit: emitMessage,
  } = startTestHost({
    hostOrigin: "https://host.example",
    environment: { ...TEST_ENVIRONMENT, ...(announce ? { notices: 1 } : {}) },
    onCall: (m) => calls.push(m),
    extra: {
      notify: async (n: WemeetNotice) => {
        notices.push(n);
        return ok(null);
      },
    },
  });
  const errors: unknown[] = [];
  const wemeet = connectWemeet({
    transport: link.app,
    pageUrl: () => "https://app.example/",
    userAgent: "Mozilla/5.0",
    reportError: (e) => errors.push(e),
  });
  const until = async (check: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  };
  return {
    wemeet,
    notices,
    calls,
    errors,
    until,
    emit: (id: number | undefined, payload: unknown) =>
      emitMessage({
        name: "collaboration-change",
        payload,
        ...(id === undefined ? {} : { id }),
      }),
    close: () => {
      host.close();
      link.close();
    },
  };
}

const change = { action: "start", activeId: "s", msOpenId: "m", timestamp: 1 };

describe("the client tells a host that takes notices about the app's listeners", () => {
  test("hello, listeners registered before connecting, adds and removes (no duplicate add)", async () => {
    const h = noticeHost(true);
    try {
      const a = (): void => {};
      h.wemeet.addEventListener("collaboration-change", a);
      h.wemeet.addEventListener("collaboration-change", a);
      await h.wemeet.app.getRunningContext();
      await h.until(() => h.notices.length >= 2);
      h.wemeet.event.addEventListener("user-join", () => {});
      h.wemeet.removeEventListener("collaboration-change", a);
      h.wemeet.removeEventListener("collaboration-change", a);
      h.wemeet.removeAllEventListener();
      await h.until(() => h.notices.length >= 5);
      assert.deepEqual(h.notices, [
        { kind: "hello", protocol: 1 },
        { kind: "listener", change: "add", event: "collaboration-change", count: 1 },
        { kind: "listener", change: "add", event: "user-join", count: 1 },
        { kind: "listener", change: "remove", event: "collaboration-change", count: 0 },
        { kind: "listener", change: "remove", event: "user-join", count: 0 },
      ]);
    } finally {
      h.close();
    }
  });

  test("per delivered event: how many listeners ran, and which threw (bounded), quoting its id", async () => {
    const h = noticeHost(true);
    try {
      const ran: string[] = [];
      h.wemeet.addEventListener("collaboration-change", (e) => ran.push(e.action));
      for (let i = 0; i < NOTICE_LIMITS.errors + 2; i++)
        h.wemeet.addEventListener("collaboration-change", () => {
          throw new TypeError(`boom ${i} ${"x".repeat(NOTICE_LIMITS.message)}`);
        });
      await h.wemeet.app.getRunningContext();
      h.emit(41, change);
      await h.until(() => h.notices.some((n) => n.kind === "handled"));
      assert.deepEqual(ran, ["start"], "a throwing listener does not stop the others");
      assert.equal(h.errors.length, NOTICE_LIMITS.errors + 2, "every throw is still reported");
      const handled = h.notices.find((n) => n.kind === "handled");
      assert.ok(handled && handled.kind === "handled");
      assert.equal(handled.eventId, 41);
      assert.equal(handled.listeners, NOTICE_LIMITS.errors + 3);
      assert.equal(handled.threw, NOTICE_LIMITS.errors + 2);
      assert.equal(handled.errors.length, NOTICE_LIMITS.errors);
      const [first] = handled.errors;
      assert.equal(first?.name, "TypeError");
      assert.match(first?.message ?? "", /^boom 0 x+…$/);
      assert.equal(first?.message.length, NOTICE_LIMITS.message);
      assert.match(first?.stack ?? "", /notices\.test\.ts/);
      assert.ok((first?.stack.length ?? 0) <= NOTICE_LIMITS.stack);
    } finally {
      h.close();
    }
  });

  test("an event with no listener is reported with listeners 0", async () => {
    const h = noticeHost(true);
    try {
      await h.wemeet.app.getRunningContext();
      h.emit(7, change);
      await h.until(() => h.notices.some((n) => n.kind === "handled"));
      assert.deepEqual(
        h.notices.find((n) => n.kind === "handled"),
        { kind: "handled", eventId: 7, listeners: 0, threw: 0, errors: [] },
      );
    } finally {
      h.close();
    }
  });

  test("a host that does not announce notices gets none (and events without an id get no report)", async () => {
    const h = noticeHost(false);
    try {
      const ran: string[] = [];
      h.wemeet.addEventListener("collaboration-change", (e) => ran.push(e.action));
      await h.wemeet.app.getRunningContext();
      h.emit(3, change);
      await h.until(() => ran.length > 0);
      await h.wemeet.app.getRunningContext();
      assert.deepEqual(ran, ["start"]);
      assert.deepEqual(h.notices, []);
    } finally {
      h.close();
    }
  });
});
