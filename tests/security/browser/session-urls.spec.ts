/**
 * A hostile app in the real harness tries to run its code on the harness origin through the
 * session URL (docs/decisions/0107): it asks `collaboration.start` or `setCollaborationConfig`
 * for a `javascript:`, `data:`, `about:`, `blob:` or `file:` URL, then a second participant
 * joins. Before the fix the joiner's frame was given that URL as `src`, so `javascript:` ran in
 * the harness's origin with `parent.yiqiHarness` in reach. Now the simulator refuses the URL
 * with INVALID_ARGUMENT, the joiner opens the real session URL, and no payload ever runs.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Frame, type Page, test } from "@playwright/test";
import { HARNESS_READY_SELECTOR, type YiqiHarnessWindow } from "@yiqi/harness";
import { bundledAssets, type HarnessServer, startHarnessServer } from "@yiqi/harness/node";

/** The hostile app: a page that loads the shim the harness serves on every app origin. */
const HOSTILE_APP = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hostile</title>
<link rel="icon" href="data:,"></head><body data-ready="0">hostile app
<script src="/wemeet-js-sdk.js"></script>
<script>wemeet.app.getRunningContext().then(() => { document.body.dataset.ready = "1"; });</script>
</body></html>`;

/** Each payload would set `parent.yiqiPwned` (the harness window) if it ever ran. */
const PAYLOADS = [
  "javascript:parent.yiqiPwned='js'",
  " JaVaScRiPt:parent.yiqiPwned='mixed'",
  "\tjava\nscript:parent.yiqiPwned='split'",
  "\u0001javascript:parent.yiqiPwned='ctl'",
  "data:text/html,<script>try{parent.yiqiPwned='data'}catch(e){}</script>",
  "about:blank",
  "about:srcdoc",
  "file:///etc/passwd",
  "blob:http://127.0.0.1/00000000-0000-0000-0000-000000000000",
];

let harness: HarnessServer;
let appServer: Server;
let appUrl: string;

test.beforeAll(async () => {
  harness = await startHarnessServer({ port: 0, ...bundledAssets() });
  appServer = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(HOSTILE_APP);
  });
  await new Promise<void>((ok) => appServer.listen(0, "127.0.0.1", ok));
  appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}/hostile.html`;
});

test.afterAll(async () => {
  await harness?.close();
  await new Promise((ok) => appServer?.close(ok));
});

async function hostFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[data-participant="p1"]', { state: "attached" });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("the host has no app frame");
  await frame.waitForSelector("body[data-ready='1']");
  return frame;
}

/** Runs `wemeet.collaboration[method](arg)` in the app; resolves with "ok" or the error code. */
const appCall = (frame: Frame, method: "start" | "setCollaborationConfig", url: string) =>
  frame.evaluate(
    async ({ method, url }) => {
      const w = (
        window as unknown as {
          wemeet: {
            collaboration: Record<typeof method, (arg: unknown) => Promise<unknown>>;
          };
        }
      ).wemeet;
      try {
        await w.collaboration[method]({ url });
        return "ok";
      } catch (e) {
        return String((e as { code?: string; errCode?: number }).code ?? e);
      }
    },
    { method, url },
  );

const pwned = (page: Page) => page.evaluate(() => (window as { yiqiPwned?: unknown }).yiqiPwned);

/** Joins Alice (p2) and waits for her frame; returns its `src`. */
async function joinAndReadSrc(page: Page): Promise<string> {
  const joined = await page.evaluate(async () => {
    const h = (globalThis as unknown as YiqiHarnessWindow).yiqiHarness;
    return (await h.meeting.ui.join("p2")).ok;
  });
  expect(joined).toBe(true);
  const frame = page.locator('iframe[data-participant="p2"]');
  await expect(frame).toHaveCount(1);
  return (await frame.getAttribute("src")) ?? "";
}

async function endSession(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const h = (globalThis as unknown as YiqiHarnessWindow).yiqiHarness;
    await h.meeting.ui.end("p1");
  });
  await expect(page.locator('iframe[data-participant="p2"]')).toHaveCount(0);
}

test("collaboration.start({ url }) with a non-http(s) URL never reaches a joiner's frame", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto(`${harness.url}?app=${encodeURIComponent(appUrl)}&participants=2`);
  await page.waitForSelector(HARNESS_READY_SELECTOR);
  const host = await hostFrame(page);
  for (const payload of PAYLOADS) {
    const started = await appCall(host, "start", payload);
    if (started === "ok") {
      // The fix is missing: show what a joiner gets.
      const src = await joinAndReadSrc(page);
      await page.waitForTimeout(300);
      expect({ payload, src, pwned: await pwned(page) }).toEqual({
        payload,
        src: "http(s) only",
        pwned: undefined,
      });
    }
    expect(started, payload).toBe("INVALID_ARGUMENT");
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as YiqiHarnessWindow).yiqiHarness.meeting.session(),
      ),
    ).toBeNull();
  }
  expect(await pwned(page)).toBeUndefined();
});

test("setCollaborationConfig({ url }) cannot point joiners at a non-http(s) URL", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto(`${harness.url}?app=${encodeURIComponent(appUrl)}&participants=2`);
  await page.waitForSelector(HARNESS_READY_SELECTOR);
  const host = await hostFrame(page);
  const hostHref = await host.evaluate(() => location.href);
  for (const payload of PAYLOADS) {
    expect(await appCall(host, "start", hostHref)).toBe("ok");
    const configured = await appCall(host, "setCollaborationConfig", payload);
    const src = await joinAndReadSrc(page);
    await page.waitForTimeout(200);
    expect(
      await pwned(page),
      `payload ${JSON.stringify(payload)} ran on the harness origin`,
    ).toBeUndefined();
    expect(src, payload).toMatch(/^http:\/\/p2\.[a-z0-9]+\.localhost:\d+\/hostile\.html$/);
    expect(configured, payload).toBe("INVALID_ARGUMENT");
    await endSession(page);
  }
  expect(await pwned(page)).toBeUndefined();
});
