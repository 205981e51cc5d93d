import assert from "node:assert/strict";
import { request } from "node:http";
import { test } from "node:test";
import { isLoopbackHost, MAX_CONTROL_BODY, startConsoleControl } from "./roomsControl.ts";

// node:http, not fetch: fetch cannot forge Host, and a raw client (or a DNS-rebinding page) can.
const call = (
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer },
): Promise<{ status: number; text: string; headers: Record<string, unknown> }> =>
  new Promise((resolve, reject) => {
    const req = request(
      `${url}${options.path ?? "/console"}`,
      { method: options.method ?? "POST", headers: options.headers, timeout: 5000 },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer in 5 s")));
    req.on("error", reject);
    req.end(options.body);
  });

const withControl = async (fn: (url: string, ran: string[]) => Promise<void>): Promise<void> => {
  const ran: string[] = [];
  const control = await startConsoleControl({
    port: 0,
    authorize: (given) =>
      given === "123456"
        ? { ok: true }
        : { ok: false, retryAfterMs: given === "locked" ? 1500 : 0 },
    allowedOrigins: ["http://localhost:5173"],
    run: (line) => {
      ran.push(line);
      return { lines: [`ran ${line}`] };
    },
    state: () => ({ password: "123456" }),
  });
  try {
    await fn(control.url, ran);
  } finally {
    await control.close();
  }
};

test("regression: a DNS-rebinding Host (a page's own name resolved to 127.0.0.1) gets 421, not the state", async () => {
  await withControl(async (url, ran) => {
    const auth = { authorization: "Bearer 123456" };
    const rebound = await call(url, {
      method: "GET",
      path: "/state",
      headers: { ...auth, host: "evil.example:80" },
    });
    assert.equal(rebound.status, 421);
    assert.doesNotMatch(rebound.text, /123456/);
    assert.match(rebound.text, /use http:\/\/127\.0\.0\.1:\d+/);
    const posted = await call(url, {
      headers: { ...auth, host: "evil.example" },
      body: Buffer.from("quit"),
    });
    assert.equal(posted.status, 421);
    assert.deepEqual(ran, [], "nothing ran");
    const port = new URL(url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      assert.equal(
        (await call(url, { method: "GET", path: "/state", headers: { ...auth, host } })).status,
        200,
        host,
      );
    }
  });
  assert.equal(isLoopbackHost(undefined, 6296), false);
  assert.equal(isLoopbackHost("127.0.0.1:6297", 6296), false);
  assert.equal(isLoopbackHost("127.0.0.1", 80), true);
});

test("regression: a body over the limit gets a 413 the client can read, and runs nothing", async () => {
  await withControl(async (url, ran) => {
    const auth = { authorization: "Bearer 123456" };
    const big = Buffer.alloc(MAX_CONTROL_BODY * 3, "a");
    const declared = await call(url, { headers: auth, body: big });
    assert.equal(declared.status, 413);
    assert.match(declared.text, /At most 65536 bytes/);
    // Chunked: no Content-Length to check up front.
    const chunked = await call(url, {
      headers: { ...auth, "transfer-encoding": "chunked" },
      body: big,
    });
    assert.equal(chunked.status, 413);
    assert.deepEqual(ran, []);
    // The endpoint still serves after both.
    const ok = await call(url, { headers: auth, body: Buffer.from("state") });
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(ok.text), { lines: ["ran state"], quit: false });
  });
});

test("malformed requests get a status, never a crash: bad target, no auth, wrong method", async () => {
  await withControl(async (url) => {
    assert.equal(
      (
        await call(url, {
          method: "GET",
          path: "/console",
          headers: { authorization: "Bearer 123456" },
        })
      ).status,
      405,
    );
    assert.equal((await call(url, { path: "/%zz", headers: {} })).status, 404);
    assert.equal((await call(url, { headers: { authorization: "Bearer" } })).status, 401);
    assert.equal((await call(url, { method: "GET", path: "/state", headers: {} })).status, 401);
  });
});

test("a client the device has locked out gets 429 with Retry-After, before anything runs", async () => {
  await withControl(async (url, ran) => {
    const locked = await call(url, {
      headers: { authorization: "Bearer locked" },
      body: Buffer.from("quit"),
    });
    assert.equal(locked.status, 429);
    assert.match(locked.text, /try again in 2 s/);
    assert.deepEqual(ran, []);
  });
});

test("regression: a page from a foreign Origin gets 403 and no CORS grant, and runs nothing; an allowed one and a raw client pass", async () => {
  await withControl(async (url, ran) => {
    const auth = { authorization: "Bearer 123456" };
    const foreign = await call(url, {
      headers: { ...auth, origin: "https://evil.example" },
      body: Buffer.from("quit"),
    });
    assert.equal(foreign.status, 403);
    // The device's own refusal (mock-host's originRefusal): how to allow the page.
    assert.match(foreign.text, /^Origin https:\/\/evil\.example may not use/);
    assert.match(foreign.text, /yiqi rooms --allow-origin https:\/\/evil\.example/);
    assert.equal(foreign.headers["access-control-allow-origin"], undefined);
    assert.deepEqual(ran, [], "nothing ran");
    const preflight = await call(url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example" },
    });
    assert.equal(preflight.status, 403);
    const allowed = await call(url, {
      headers: { ...auth, origin: "http://localhost:5173" },
      body: Buffer.from("meeting on"),
    });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers["access-control-allow-origin"], "http://localhost:5173");
    const raw = await call(url, { headers: auth, body: Buffer.from("share Bob") });
    assert.equal(raw.status, 200);
    assert.deepEqual(ran, ["meeting on", "share Bob"]);
  });
});
