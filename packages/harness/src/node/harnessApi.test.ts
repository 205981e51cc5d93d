import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { test } from "node:test";
import { refuseCaller } from "./harnessApi.ts";

const req = (headers: Record<string, string>, remoteAddress = "127.0.0.1"): IncomingMessage =>
  ({ headers, url: "/__yiqi/apps", socket: { remoteAddress } }) as unknown as IncomingMessage;
const json = { "content-type": "application/json" };

test("registration: only the harness page's same-origin JSON requests", () => {
  assert.equal(refuseCaller(req({ origin: "http://127.0.0.1:7100", ...json }), 7100), null);
  assert.equal(
    refuseCaller(
      req({
        origin: "http://localhost:7100",
        "sec-fetch-site": "same-origin",
        "content-type": "application/json; charset=utf-8",
      }),
      7100,
    ),
    null,
  );
  const refused: Array<[Record<string, string>, number]> = [
    [{ origin: "https://evil.example", "content-type": "text/plain" }, 403],
    [{ origin: "https://evil.example", ...json }, 403],
    [{ origin: "http://p1.demo.localhost:7100", ...json }, 403],
    [{ origin: "http://127.0.0.1:7101", ...json }, 403],
    [{ origin: "null", ...json }, 403],
    [json, 403],
    [{ origin: "http://127.0.0.1:7100", "sec-fetch-site": "same-site", ...json }, 403],
    [{ origin: "http://127.0.0.1:7100", "content-type": "text/plain" }, 415],
    [{ origin: "http://127.0.0.1:7100", "content-type": "application/x-www-form-urlencoded" }, 415],
    [{ origin: "http://127.0.0.1:7100" }, 415],
  ];
  for (const [headers, status] of refused) {
    const r = refuseCaller(req(headers), 7100);
    assert.equal(r?.status, status, JSON.stringify(headers));
    assert.match(r?.error ?? "", status === 403 ? /harness page only/ : /application\/json/);
  }
});

test("registration: a peer on another machine may not register, whatever headers it forges", () => {
  const forged = { origin: "http://127.0.0.1:7100", "sec-fetch-site": "same-origin", ...json };
  for (const peer of ["192.168.1.20", "::ffff:10.0.0.5", "fe80::1", "0.0.0.0"])
    assert.match(
      refuseCaller(req(forged, peer), 7100)?.error ?? "",
      /registered from this machine only.*--app/,
      String(peer),
    );
  assert.match(
    refuseCaller(req(forged, "192.168.1.20"), 7100, "clients")?.error ?? "",
    /^participants' clients are set from this machine only/,
    "POST /__yiqi/clients says what it refused, not app registration",
  );
  for (const peer of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"])
    assert.equal(refuseCaller(req(forged, peer), 7100), null, peer);
});

test("POST /__yiqi/clients: an app's frame or another site cannot change any participant's client", async () => {
  const { createServer, request } = await import("node:http");
  const { harnessApi } = await import("./harnessApi.ts");
  const set: string[] = [];
  let port = 0;
  const api = harnessApi({
    port: () => port,
    config: () => ({}),
    register: () => "x",
    nameOf: async () => "x",
    setClients: (appId) => {
      set.push(appId);
    },
    appOrigin: (n, appId) => `http://p${n}.${appId}.localhost:${port}`,
  });
  const server = createServer((q, s) => void api(q, s, "/__yiqi/clients"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as { port: number }).port;
  const post = (origin: string | undefined, body: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const r = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/__yiqi/clients",
          headers: { ...json, ...(origin ? { origin } : {}) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      r.on("error", (e: NodeJS.ErrnoException) =>
        e.code === "ECONNRESET" || e.code === "EPIPE" ? resolve(-1) : reject(e),
      );
      r.end(body);
    });
  const table = JSON.stringify({
    appId: "demo",
    clients: [{ participant: 2, platform: "iOS", clientVersion: "3.9.0" }],
  });
  try {
    assert.equal(await post(`http://p1.demo.localhost:${port}`, table), 403, "an app's own frame");
    assert.equal(await post("https://evil.example", table), 403, "another site");
    assert.equal(await post(undefined, table), 403, "no Origin");
    assert.deepEqual(set, [], "nothing was changed");
    const huge = JSON.stringify({ appId: "demo", clients: [], pad: "x".repeat(200 * 1024) });
    assert.ok([400, -1].includes(await post(`http://127.0.0.1:${port}`, huge)), "over 128 KiB");
    assert.deepEqual(set, []);
    assert.equal(await post(`http://127.0.0.1:${port}`, table), 200, "the harness page");
    assert.deepEqual(set, ["demo"]);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
