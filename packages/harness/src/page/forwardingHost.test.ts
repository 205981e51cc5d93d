/**
 * The forwarding host (the harness page's frames in remote mode, the view page's frame): calls
 * reach the server's instance, events reach the app, and a frame the page lets go of keeps
 * forwarding until the server closes the instance (the app's last reports after an end).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { connectToHost, createMemoryLink } from "@yiqi/bridge";
import {
  WEMEET_EVENT,
  WEMEET_NAMESPACE,
  WEMEET_PROTOCOL,
  type WemeetEventMessage,
} from "@yiqi/jsapi";
import { createForwardingHost, type ForwardedInstance } from "./forwardingHost.ts";

/** A server-side instance double: records calls, lets the test push events and close it. */
function fakeServer() {
  const calls: string[] = [];
  const opened: string[] = [];
  let closedByPage = 0;
  const events = new Set<(m: WemeetEventMessage) => void>();
  const closes = new Set<(reason: string, url?: string) => void>();
  const open = async (url: string): Promise<ForwardedInstance> => {
    opened.push(url);
    return {
      instance: `i${opened.length}`,
      url,
      environment: {
        clientVersion: "3.14.0.400",
        platform: "Mac",
        language: "zh-CN",
        userAgent: "ua",
        instanceId: `i${opened.length}`,
      } as ForwardedInstance["environment"],
      call: async (method) => {
        calls.push(method);
        return { ok: true, value: null };
      },
      onEvent: (l) => events.add(l),
      onClose: (l) => closes.add(l),
      close: async () => {
        closedByPage++;
      },
    };
  };
  return {
    open,
    calls,
    opened,
    closedByPage: () => closedByPage,
    emit: (m: WemeetEventMessage) => {
      for (const l of events) l(m);
    },
    closeInstance: (reason: string) => {
      for (const l of closes) l(reason);
    },
  };
}

async function connected(server: ReturnType<typeof fakeServer>) {
  const link = createMemoryLink();
  const host = createForwardingHost({
    transport: link.host,
    open: server.open,
    url: () => "https://app.example/",
  });
  const app = await connectToHost<Record<string, (a: unknown) => Promise<unknown>>>({
    transport: link.app,
    namespace: WEMEET_NAMESPACE,
    protocol: WEMEET_PROTOCOL,
  });
  return { link, host, app };
}

test("calls go to the instance opened at the handshake; its events reach the app", async () => {
  const server = fakeServer();
  const { link, host, app } = await connected(server);
  assert.deepEqual(server.opened, ["https://app.example/"]);
  assert.deepEqual(await app.call("appGetRunningContext", [undefined]), { ok: true, value: null });
  assert.deepEqual(server.calls, ["appGetRunningContext"]);
  const got = new Promise<unknown>((resolve) => app.on(WEMEET_EVENT, resolve));
  const message = { name: "collaboration-change", payload: { action: "start" } };
  server.emit(message as WemeetEventMessage);
  assert.deepEqual(await got, message);
  // Both ends closed, or their timers keep the test process alive.
  app.close();
  await host.close();
  link.close();
});

test("a frame let go keeps forwarding until the server closes its instance (last reports)", async () => {
  const server = fakeServer();
  const { link, host, app } = await connected(server);
  await app.call("appGetRunningContext", [undefined]);
  // The meeting stopped showing the app (an end): the page lets go of the frame...
  const closing = host.close();
  // ...while the app still reports how it handled the end event.
  assert.deepEqual(await app.call("notify", [[{ kind: "handled" }]]), { ok: true, value: null });
  assert.deepEqual(server.calls, ["appGetRunningContext", "notify"]);
  assert.equal(app.isClosed, false);
  // The server closes the instance once the reports arrived: then the connection goes.
  server.closeInstance("一起用 ended");
  await closing;
  assert.equal(app.isClosed, true);
  assert.equal(server.closedByPage(), 0, "the page does not close what the server closed");
  link.close();
});
