import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { APP_NAME_LIMITS, fetchAppTitle, titleOf } from "./appName.ts";

describe("an app's name", () => {
  test("is its page's first <title>, entities decoded, whitespace collapsed, bounded", () => {
    assert.equal(
      titleOf("<html><head><title>\n  Pixel &amp; Co &#8212; 画板 </title>"),
      "Pixel & Co — 画板",
    );
    assert.equal(titleOf('<TITLE lang="zh">一起画</TITLE><title>second</title>'), "一起画");
    assert.equal(titleOf("<title>  </title>"), undefined, "an empty title is no name");
    assert.equal(titleOf("<h1>no title</h1>"), undefined);
    assert.equal(titleOf(`<title>${"x".repeat(200)}</title>`)?.length, APP_NAME_LIMITS.maxLength);
  });

  describe("read from the app's server", () => {
    let server: Server;
    let base: string;
    const held: import("node:http").ServerResponse[] = [];
    before(async () => {
      server = createServer((req, res) => {
        if (req.url === "/ua") {
          res.writeHead(200, { "content-type": "text/html" });
          res.end(`<title>${req.headers["user-agent"]}</title>`);
        } else if (req.url === "/json") {
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"title":"no"}');
        } else if (req.url === "/silent") held.push(res);
        else {
          res.writeHead(404, { "content-type": "text/html" });
          res.end("<title>Not Found</title>");
        }
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      for (const r of held) r.destroy();
      await new Promise((r) => server.close(r));
    });

    test("as the client of the given UA is served it", async () => {
      assert.equal(
        await fetchAppTitle(new URL(`${base}/ua`), "UA app/tencent_wemeet"),
        "UA app/tencent_wemeet",
      );
    });

    test("no name from an error page, a non-HTML answer, a silent or absent server", async () => {
      assert.equal(await fetchAppTitle(new URL(`${base}/missing`), "ua"), undefined);
      assert.equal(await fetchAppTitle(new URL(`${base}/json`), "ua"), undefined);
      assert.equal(await fetchAppTitle(new URL(`${base}/silent`), "ua"), undefined);
      assert.equal(await fetchAppTitle(new URL("http://127.0.0.1:9/"), "ua"), undefined);
    });
  });
});
