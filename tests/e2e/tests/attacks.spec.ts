/**
 * Hostile frames against the bridge in Chromium: wrong-origin frames, a same-origin sibling
 * posing as the app or as the host, messages before the handshake, and a flood while the app
 * works. The raw-port attacks (SET/CONSTRUCT, prototype paths, malformed and oversized
 * messages) are contract cases and run in `contract.spec.ts`; these are the window-level ones.
 * Every test ends with the host realm's `Object.prototype` clean and no uncaught error.
 */
import type { Frame, Page } from "@playwright/test";
import type { PageGlobals } from "../src/pageApi.ts";
import type { TestServer } from "../src/server.ts";
import { expect, frameById, test } from "./fixtures.ts";

type Win = typeof globalThis & PageGlobals;

/** Opens the contract host page and attaches the app frame at `appUrl`. */
async function openHost(
  page: Page,
  server: TestServer,
  options: { appUrl?: string; allowedOrigins?: string[] } = {},
): Promise<Frame> {
  await page.goto(server.hostUrl("contract-host.html"));
  await page.waitForFunction(() => "contractHost" in globalThis);
  await page.evaluate((o) => (globalThis as Win).contractHost.start(o), {
    appUrl: options.appUrl ?? server.appUrl("contract-app.html"),
    otherOrigin: server.strangerOrigin,
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
  });
  return frameById(page, "app", "contractApp");
}

/** Adds a hostile frame `#id` at `url`. */
async function addHostile(page: Page, url: string, id: string): Promise<Frame> {
  await page.evaluate((o) => (globalThis as Win).contractHost.addFrame(o.url, o.id), { url, id });
  return frameById(page, id, "hostile");
}

const hostState = (page: Page) => page.evaluate(() => (globalThis as Win).contractHost.state());
const connect = (app: Frame) => app.evaluate(() => (globalThis as Win).contractApp.connect());

test.afterEach(async ({ page }) => {
  const state = await hostState(page);
  expect(state.prototypeClean, "the host realm's Object.prototype is untouched").toBe(true);
  expect(state.errors, "no uncaught error in the host page").toEqual([]);
});

test.describe("hostile frames", () => {
  test("the app frame is cross-site and out of process", async ({ page, server }) => {
    const app = await openHost(page, server);
    expect(new URL(page.url()).origin).toBe(server.hostOrigin);
    expect(await app.evaluate(() => location.origin)).toBe(server.appOrigin);
    const cdp = await page.context().newCDPSession(page);
    const { targetInfos } = (await cdp.send("Target.getTargets")) as {
      targetInfos: { type: string; url: string }[];
    };
    const oopif = targetInfos.find(
      (t) => t.type === "iframe" && t.url.startsWith(server.appOrigin),
    );
    expect(oopif, "Chromium runs the app frame as an out-of-process iframe").toBeTruthy();
    expect(await connect(app)).toEqual({ ok: true, whoami: server.appOrigin });
  });

  test("the attached frame at a wrong origin is refused with ORIGIN_REJECTED", async ({
    page,
    server,
  }) => {
    const app = await openHost(page, server, {
      appUrl: server.strangerUrl("contract-app.html"),
      allowedOrigins: [server.appOrigin],
    });
    expect(await connect(app)).toEqual({ ok: false, code: "ORIGIN_REJECTED" });
    const state = await hostState(page);
    expect(state.connectionId).toBeNull();
    expect(state.refused).toContain("ORIGIN_REJECTED");
  });

  test("the app frame navigating itself to another site is refused", async ({ page, server }) => {
    const app = await openHost(page, server);
    expect(await connect(app)).toEqual({ ok: true, whoami: server.appOrigin });
    const evil = new URL(server.strangerUrl("contract-app.html"));
    evil.searchParams.set("host", server.hostOrigin);
    await app.evaluate((url) => {
      location.href = url;
    }, evil.href);
    const moved = await frameById(page, "app", "contractApp");
    await expect.poll(() => moved.evaluate(() => location.origin)).toBe(server.strangerOrigin);
    await moved.waitForFunction(() => "contractApp" in globalThis);
    expect(await connect(moved)).toEqual({ ok: false, code: "ORIGIN_REJECTED" });
    expect((await hostState(page)).connectionOrigin).toBe(server.appOrigin);
  });

  test("a third-site frame's hello is ignored and gets no answer", async ({ page, server }) => {
    const app = await openHost(page, server);
    const evil = await addHostile(page, server.strangerUrl("hostile.html"), "evil");
    const got = await evil.evaluate(() => (globalThis as Win).hostile.helloAsApp(50, 300));
    expect(got).toEqual({ welcomes: 0, rejects: 0 });
    expect((await hostState(page)).ignoredCount).toBe(50);
    expect(await connect(app)).toEqual({ ok: true, whoami: server.appOrigin });
  });

  test("a same-origin sibling posing as the app is ignored; no port reaches it", async ({
    page,
    server,
  }) => {
    const app = await openHost(page, server);
    const sibling = await addHostile(page, server.appUrl("hostile.html"), "sibling");
    expect(await sibling.evaluate(() => location.origin)).toBe(server.appOrigin);
    const got = await sibling.evaluate(() => (globalThis as Win).hostile.helloAsApp(100, 300));
    expect(got).toEqual({ welcomes: 0, rejects: 0 });
    const state = await hostState(page);
    expect(state.ignoredCount).toBe(100);
    expect(state.connectionId).toBeNull();
    expect(await connect(app)).toEqual({ ok: true, whoami: server.appOrigin });
  });

  test("a sibling posing as the host cannot take over the app's handshake", async ({
    page,
    server,
  }) => {
    const app = await openHost(page, server);
    const sibling = await addHostile(page, server.appUrl("hostile.html"), "sibling");
    const [result] = await Promise.all([
      connect(app),
      sibling.evaluate(() => (globalThis as Win).hostile.impersonateHost(0, 200)),
    ]);
    expect(result).toEqual({ ok: true, whoami: server.appOrigin });
  });

  test("messages posted before the handshake have no effect", async ({ page, server }) => {
    const app = await openHost(page, server);
    await app.evaluate(() => (globalThis as Win).contractApp.postWithoutHandshake(600));
    await page.waitForTimeout(200);
    const state = await hostState(page);
    expect(state.connectionId).toBeNull();
    expect(state.trace.call ?? 0).toBe(0);
    expect(state.trace.handshake ?? 0).toBe(0);
    expect(await connect(app)).toEqual({ ok: true, whoami: server.appOrigin });
  });

  test("a flood of 5,000 hostile messages from a sibling does not disturb the app", async ({
    page,
    server,
  }) => {
    const app = await openHost(page, server);
    const sibling = await addHostile(page, server.appUrl("hostile.html"), "sibling");
    const [calls] = await Promise.all([
      app.evaluate(() => (globalThis as Win).contractApp.keepCalling(1500)),
      sibling.evaluate(async () => {
        const h = (globalThis as Win).hostile;
        // In bursts, so the flood overlaps the app's calls instead of preceding them.
        for (let i = 0; i < 10; i++) {
          h.flood(500);
          await new Promise((r) => setTimeout(r, 50));
        }
      }),
    ]);
    expect(calls.failed).toEqual([]);
    expect(calls.ok).toBeGreaterThan(50);
    const state = await hostState(page);
    // Only well-formed hellos count as ignored handshakes; other junk is dropped uncounted.
    expect(state.ignoredCount).toBeGreaterThan(0);
    expect(state.connectionOrigin).toBe(server.appOrigin);
  });
});
