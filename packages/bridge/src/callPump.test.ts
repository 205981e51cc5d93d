import assert from "node:assert/strict";
import { test } from "node:test";
import { type Endpoint, proxy, type Remote, wrap } from "comlink";
import { createHost } from "./host.ts";
import { createMemoryLink } from "./memoryLink.ts";
import { CONTRACT_NAMESPACE, rawCall, rawHandshakeOver } from "./testing/contract.ts";

interface Api {
  add(a: number, b: number): number;
  later(value: string): Promise<string>;
  boom(message: string): never;
  reject(): Promise<never>;
  throwString(): never;
  unclonable(): () => void;
  handle(): object;
}

const api = (): Api => ({
  add: (a, b) => a + b,
  later: async (value) => `later ${value}`,
  boom: (message) => {
    throw new Error(message);
  },
  reject: async () => {
    throw new RangeError("no range");
  },
  throwString: () => {
    throw "plain string";
  },
  unclonable: () => () => undefined,
  handle: () => proxy({ hidden: 1 }),
});

/**
 * A host, and an app side that is plain comlink `wrap` over the raw port (only the bridge's
 * envelope around each message): the host's fast path must stay comlink's wire (decision 0018).
 */
async function plainComlink(): Promise<{
  remote: Remote<Api>;
  port: MessagePort;
  done: () => Promise<void>;
}> {
  const link = createMemoryLink();
  const host = createHost<Api>({
    transport: link.host,
    namespace: CONTRACT_NAMESPACE,
    expose: api,
  });
  const port = await rawHandshakeOver(link.app);
  const listeners = new Map<EventListenerOrEventListenerObject, (e: MessageEvent) => void>();
  const endpoint: Endpoint = {
    postMessage(msg: unknown, transfer?: Transferable[]): void {
      port.postMessage(
        { bridge: "yiqi", ns: CONTRACT_NAMESPACE, v: 1, kind: "rpc", msg },
        transfer ?? [],
      );
    },
    addEventListener(_type: string, listener: EventListenerOrEventListenerObject): void {
      const unwrap = (e: MessageEvent): void => {
        const data = e.data as { kind?: string; msg?: unknown };
        if (data?.kind !== "rpc") return;
        const event = { data: data.msg } as MessageEvent;
        if (typeof listener === "function") listener(event);
        else listener.handleEvent(event);
      };
      listeners.set(listener, unwrap);
      port.addEventListener("message", unwrap);
    },
    removeEventListener(_type: string, listener: EventListenerOrEventListenerObject): void {
      const unwrap = listeners.get(listener);
      if (unwrap) port.removeEventListener("message", unwrap);
      listeners.delete(listener);
    },
  };
  port.start();
  const remote = wrap<Api>(endpoint);
  const done = async (): Promise<void> => {
    port.close();
    await host.close();
    link.close();
  };
  return { remote, port, done };
}

test("plain comlink wrap: values, sync and async, come back as comlink sends them", async () => {
  const { remote, done } = await plainComlink();
  try {
    assert.equal(await remote.add(2, 3), 5);
    assert.equal(await remote.later("x"), "later x");
  } finally {
    await done();
  }
});

test("plain comlink wrap: a throw, a rejection and a thrown non-Error reject with CALL_FAILED, no host stack", async () => {
  const { remote, port, done } = await plainComlink();
  try {
    // On the wire: comlink's throw answer, with the message and code only (no host stack).
    assert.deepEqual(
      await rawCall(port, {
        id: "b1",
        type: "APPLY",
        path: ["boom"],
        argumentList: [{ type: "RAW", value: "raw" }],
      }),
      {
        id: "b1",
        type: "HANDLER",
        name: "throw",
        value: {
          isError: true,
          value: {
            name: "BridgeError",
            message: 'host method "boom" failed: raw',
            code: "CALL_FAILED",
          },
        },
      },
    );
    for (const [call, text] of [
      [() => remote.boom("bad"), 'host method "boom" failed: bad'],
      [() => remote.reject(), 'host method "reject" failed: no range'],
      [
        () => remote.throwString(),
        'host method "throwString" failed: a non-Error value was thrown',
      ],
    ] as const) {
      await assert.rejects(call(), (e: unknown) => {
        const err = e as { code?: string; message?: string; name?: string };
        assert.equal(err.code, "CALL_FAILED");
        assert.equal(err.message, text);
        assert.equal(err.name, "BridgeError");
        return true;
      });
    }
  } finally {
    await done();
  }
});

test("a value that cannot be cloned is answered with comlink's Unserializable error, not silence", async () => {
  const { remote, done } = await plainComlink();
  try {
    await assert.rejects(remote.unclonable(), {
      code: "CALL_FAILED",
      message: 'host method "unclonable" failed: Unserializable return value',
    });
    assert.equal(await remote.add(1, 1), 2);
  } finally {
    await done();
  }
});

test("a comlink.proxy() return value goes out through comlink's proxy handler, as expose sends it", async () => {
  const { port, done } = await plainComlink();
  try {
    const answer = (await rawCall(port, { id: "p1", type: "APPLY", path: ["handle"] })) as {
      type?: string;
      name?: string;
      value?: unknown;
    };
    assert.equal(answer.type, "HANDLER");
    assert.equal(answer.name, "proxy");
    assert.ok(answer.value instanceof MessagePort);
    answer.value.close();
  } finally {
    await done();
  }
});
