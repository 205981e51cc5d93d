/**
 * `@yiqi/jsapi` in Chromium, as an unmodified app uses it: a page loads the built classic
 * script `wemeet-js-sdk.js` with a plain `<script src>`, gets `window.wemeet`, and talks to a
 * scripted host across sites.
 */
import type { PageGlobals } from "../src/pageApi.ts";
import { expect, frameById, test } from "./fixtures.ts";

type Win = typeof globalThis & PageGlobals;

test.describe("wemeet-js-sdk.js in a cross-site app frame", () => {
  test("calls made before the handshake resolve once the host answers", async ({
    page,
    server,
  }) => {
    await page.goto(server.hostUrl("wemeet-host.html"));
    await page.waitForFunction(() => "wemeetHost" in globalThis);
    await page.evaluate(
      (url) => (globalThis as Win).wemeetHost.addApps(url, 1),
      server.appUrl("wemeet-app.html"),
    );
    const app = await frameById(page, "app0", "wemeetProbe");
    expect(await app.evaluate(() => location.origin)).toBe(server.appOrigin);
    expect(await app.evaluate(() => (globalThis as Win).wemeetProbe.hasWemeet)).toBe(true);
    // No host yet: the early call waits (the SDK keeps saying hello).
    await page.waitForTimeout(300);
    expect(await app.evaluate(() => (globalThis as Win).wemeetProbe.settled())).toBe(false);
    await page.evaluate(() => (globalThis as Win).wemeetHost.attach());
    const early = await app.evaluate(() => (globalThis as Win).wemeetProbe.early());
    expect(early).toMatchObject({
      ok: true,
      value: { activeID: "active-1", url: "https://app.example/session" },
    });
    expect(await page.evaluate(() => (globalThis as Win).wemeetHost.calls())).toContain(
      "collaborationGetContext",
    );
  });

  test("a collaboration-change emitted by the host reaches the app's listener", async ({
    page,
    server,
  }) => {
    await page.goto(server.hostUrl("wemeet-host.html"));
    await page.waitForFunction(() => "wemeetHost" in globalThis);
    await page.evaluate(async (url) => {
      const h = (globalThis as Win).wemeetHost;
      await h.addApps(url, 2);
      h.attach();
    }, server.appUrl("wemeet-app.html"));
    const apps = [
      await frameById(page, "app0", "wemeetProbe"),
      await frameById(page, "app1", "wemeetProbe"),
    ];
    for (const app of apps) await app.evaluate(() => (globalThis as Win).wemeetProbe.early());
    const payload = {
      action: "start",
      activeId: "active-1",
      msOpenId: "ms-alice",
      timestamp: 1_700_000_000_000,
    };
    expect(
      await page.evaluate(
        (p) => (globalThis as Win).wemeetHost.emit("collaboration-change", p),
        payload,
      ),
    ).toBe(2);
    for (const app of apps)
      await expect
        .poll(() => app.evaluate(() => (globalThis as Win).wemeetProbe.events()))
        .toEqual([payload]);
    // To one frame only: the other does not hear it.
    await page.evaluate(
      (p) =>
        (globalThis as Win).wemeetHost.emit("collaboration-change", { ...p, action: "end" }, 1),
      payload,
    );
    await expect
      .poll(() => apps[1]?.evaluate(() => (globalThis as Win).wemeetProbe.events().length))
      .toBe(2);
    expect(await apps[0]?.evaluate(() => (globalThis as Win).wemeetProbe.events().length)).toBe(1);
  });

  test("at top level (no host) getContext rejects quickly with NOT_IN_WEMEET", async ({
    page,
    server,
  }) => {
    await page.goto(server.appUrl("wemeet-app.html"));
    await page.waitForFunction(() => "wemeetProbe" in globalThis);
    const result = await page.evaluate(() => (globalThis as Win).wemeetProbe.early());
    expect(result).toMatchObject({ ok: false, code: "NOT_IN_WEMEET", errCode: 1001 });
    expect(result.ms).toBeLessThan(1000);
    if (!result.ok) expect(result.message).toMatch(/not running inside a meeting client/);
  });
});
