import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { connectToHost } from "@yiqi/bridge";
import {
  deferredNotices,
  idleScheduler,
  MAX_BATCH_TEXT,
  MAX_QUEUED_NOTICES,
  type NoticeSender,
} from "./noticeQueue.ts";
import { MAX_NOTICE_BATCH, type WemeetNotice, type WemeetNoticeBatch } from "./notices.ts";
import { attachNotices } from "./noticeWiring.ts";
import { startTestHost, TEST_ENVIRONMENT } from "./testing/testHost.ts";
import { type HostEnvironment, WEMEET_NAMESPACE, WEMEET_PROTOCOL } from "./types.ts";

const handled = (eventId: number): WemeetNotice => ({
  kind: "handled",
  eventId,
  listeners: 1,
  threw: 0,
  errors: [],
});
const listener: WemeetNotice = {
  kind: "listener",
  change: "remove",
  event: "collaboration-change",
  count: 0,
};

/** A sender that records each message (`one` or `many`), and a scheduler run by hand. */
function recorder(batches: boolean) {
  const messages: (WemeetNotice | WemeetNotice[])[] = [];
  const sender: NoticeSender = { one: (n) => messages.push(n) };
  if (batches) sender.many = (ns) => messages.push([...ns]);
  const flushes: (() => void)[] = [];
  const queue = deferredNotices(sender, (f) => flushes.push(f));
  const sent = (): WemeetNotice[] => messages.flat();
  return { messages, sent, flushes, queue };
}

describe("deferredNotices: out of the delivery's way, in order, bounded (decision 0019)", () => {
  test("handled notices wait for the scheduled flush; the host sees every notice in order", () => {
    const r = recorder(false);
    r.queue.notify({ kind: "hello", protocol: 1 });
    assert.deepEqual(r.sent(), [{ kind: "hello", protocol: 1 }], "nothing queued: sent at once");
    r.queue.notify(handled(1));
    r.queue.notify(listener);
    r.queue.notify(handled(2));
    assert.equal(r.sent().length, 1, "a handled notice waits for the scheduled flush");
    assert.equal(r.flushes.length, 1, "one flush per burst");
    r.flushes[0]?.();
    assert.deepEqual(r.sent().slice(1), [handled(1), listener, handled(2)]);
    assert.equal(r.messages.length, 4, "an older host: one message per notice");
    r.queue.notify(listener);
    assert.deepEqual(r.sent().at(-1), listener, "an empty queue sends a listener notice at once");
  });

  test("a host that takes batches gets one message per flush, a lone notice as itself", () => {
    const r = recorder(true);
    r.queue.notify(handled(1));
    r.queue.notify(listener);
    r.queue.notify(handled(2));
    r.flushes[0]?.();
    assert.deepEqual(r.messages, [[handled(1), listener, handled(2)]]);
    r.queue.notify(handled(3));
    assert.equal(r.flushes.length, 2, "the next burst arms a new flush");
    r.flushes[1]?.();
    assert.deepEqual(r.messages.at(-1), handled(3), "one queued notice goes unwrapped");
  });

  test("the queue is bounded: the notice that fills it sends one full batch at once", () => {
    const r = recorder(true);
    for (let i = 1; i <= MAX_QUEUED_NOTICES + 1; i++) r.queue.notify(handled(i));
    assert.equal(MAX_QUEUED_NOTICES, MAX_NOTICE_BATCH, "a full queue is one batch the host takes");
    assert.equal(r.messages.length, 1);
    assert.deepEqual(
      r.messages[0],
      Array.from({ length: MAX_QUEUED_NOTICES }, (_, i) => handled(i + 1)),
    );
    assert.equal(r.flushes.length, 1, "the armed flush is not armed twice");
    r.flushes[0]?.();
    assert.deepEqual(r.messages.at(-1), handled(MAX_QUEUED_NOTICES + 1), "the rest follows");
  });

  test("a batch stays within MAX_BATCH_TEXT: notices about throwing listeners are split, in order", () => {
    const r = recorder(true);
    const error = { name: "TypeError", message: "m".repeat(500), stack: "s".repeat(2000) };
    const threw = (eventId: number): WemeetNotice => ({
      kind: "handled",
      eventId,
      listeners: 3,
      threw: 3,
      errors: [error, error, error],
    });
    const all = Array.from({ length: 10 }, (_, i) => threw(i + 1));
    for (const n of all) r.queue.notify(n);
    r.flushes[0]?.();
    assert.ok(r.messages.length > 1, "more than one message");
    for (const m of r.messages) {
      const text = JSON.stringify(m).length;
      assert.ok(text < MAX_BATCH_TEXT + 2_000, `a message of ${text} characters`);
    }
    assert.deepEqual(r.sent(), all, "every notice once, in order");
  });

  test("flush() sends what is queued now (a page being hidden); a later flush sends nothing", () => {
    const r = recorder(true);
    r.queue.notify(handled(1));
    r.queue.notify(handled(2));
    r.queue.flush();
    assert.deepEqual(r.messages, [[handled(1), handled(2)]]);
    r.flushes[0]?.();
    assert.equal(r.messages.length, 1);
  });

  test("the default scheduler holds on a timer, then waits for idle time where there is some (not in a hidden page)", async () => {
    const g = globalThis as { requestIdleCallback?: unknown };
    assert.equal(g.requestIdleCallback, undefined, "Node has no idle callback");
    const order: string[] = [];
    idleScheduler(0, 50)(() => order.push("flushed without idle callback"));
    await new Promise((r) => setTimeout(r, 5));
    const timeouts: number[] = [];
    g.requestIdleCallback = (run: () => void, o: { timeout: number }) => {
      timeouts.push(o.timeout);
      order.push("idle requested");
      setTimeout(run, 0);
    };
    const page = globalThis as { document?: { visibilityState: string } };
    try {
      idleScheduler(0, 50)(() => order.push("flushed when idle"));
      await new Promise((r) => setTimeout(r, 5));
      page.document = { visibilityState: "hidden" };
      idleScheduler(0, 50)(() => order.push("hidden page: flushed after the hold"));
      await new Promise((r) => setTimeout(r, 5));
    } finally {
      delete g.requestIdleCallback;
      delete page.document;
    }
    assert.deepEqual(order, [
      "flushed without idle callback",
      "idle requested",
      "flushed when idle",
      "hidden page: flushed after the hold",
    ]);
    assert.deepEqual(timeouts, [50], "the idle wait is bounded");
  });
});

/** The client's notice wiring on a real bridge connection, the flush run by hand. */
async function wired(environment: HostEnvironment) {
  const got: (WemeetNotice | WemeetNoticeBatch)[] = [];
  const { link, host } = startTestHost({
    hostOrigin: "https://host.example",
    environment,
    extra: {
      notify: async (n: WemeetNotice | WemeetNoticeBatch) => {
        got.push(n);
        return { ok: true, value: null };
      },
    },
  });
  const conn = await connectToHost<object>({
    transport: link.app,
    namespace: WEMEET_NAMESPACE,
    protocol: WEMEET_PROTOCOL,
  });
  let notify: ((n: WemeetNotice) => void) | undefined;
  const flushes: (() => void)[] = [];
  attachNotices(conn, environment, { attach: (n) => (notify = n) }, (f) => flushes.push(f));
  const until = async (n: number): Promise<void> => {
    for (let i = 0; i < 200 && got.length < n; i++) await new Promise((r) => setTimeout(r, 5));
  };
  return {
    got,
    flushes,
    until,
    notify: (n: WemeetNotice) => notify?.(n),
    close: () => {
      conn.close();
      host.close();
      link.close();
    },
  };
}

describe("the notice wiring negotiates the batch form with the host", () => {
  test("a host announcing noticeBatches: 1 gets the queued notices as one batch, in order", async () => {
    const w = await wired({ ...TEST_ENVIRONMENT, notices: 1, noticeBatches: 1 });
    try {
      w.notify(handled(1));
      w.notify(listener);
      w.notify(handled(2));
      w.flushes[0]?.();
      await w.until(1);
      assert.deepEqual(w.got, [{ kind: "batch", notices: [handled(1), listener, handled(2)] }]);
    } finally {
      w.close();
    }
  });

  test("an older host (notices: 1, no noticeBatches) gets one notice per message, in order", async () => {
    const w = await wired({ ...TEST_ENVIRONMENT, notices: 1 });
    try {
      w.notify(handled(1));
      w.notify(listener);
      w.notify(handled(2));
      w.flushes[0]?.();
      await w.until(3);
      assert.deepEqual(w.got, [handled(1), listener, handled(2)]);
    } finally {
      w.close();
    }
  });

  test("a host announcing a batch form of another version gets no batch", async () => {
    const w = await wired({ ...TEST_ENVIRONMENT, notices: 1, noticeBatches: 2 });
    try {
      w.notify(handled(1));
      w.notify(handled(2));
      w.flushes[0]?.();
      await w.until(2);
      assert.deepEqual(w.got, [handled(1), handled(2)]);
    } finally {
      w.close();
    }
  });
});
