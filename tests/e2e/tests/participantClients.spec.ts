/**
 * Each participant's own client in a plain browser (decision 0008): with no Playwright route and
 * no UA override, the harness server gives every participant's app the user agent of that
 * participant's client (version and OS), in the request's `User-Agent` and as
 * `navigator.userAgent` before any app script runs, under the app's own CSP; an app that builds
 * Tencent's SDK URL at run time gets the shim.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { expect, type HarnessWindow, openHarness, test } from "./harness.fixtures.ts";

/** The probe app: its page shows the UA header it was requested with; its script, the rest. */
const PROBE_JS = `
const b = document.body;
b.dataset.ua = navigator.userAgent;
b.dataset.platform = navigator.userAgentData ? navigator.userAgentData.platform : "none";
if (navigator.userAgent.includes("app/tencent_wemeet")) {
  const s = document.createElement("script");
  // Built at run time, so no text rewrite can see it: the client script must.
  s.src = "https://cdn.meeting." + "tencent.com/jssdk/wemeet-js-sdk-1.0.70.js";
  s.onload = () => { b.dataset.sdk = typeof window.wemeet; };
  s.onerror = () => { b.dataset.sdk = "failed"; };
  document.head.append(s);
} else b.dataset.sdk = "website";
`;

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

let app: Server;
let appUrl: string;

test.beforeAll(async () => {
  app = createServer((req, res) => {
    if (req.url === "/probe.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(PROBE_JS);
      return;
    }
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      // A strict policy: no inline script of the app's own, scripts from itself only.
      "content-security-policy": "default-src 'self'; script-src 'self'",
    });
    res.end(
      `<!doctype html><html><head><title>UA probe</title></head>` +
        `<body data-header="${escapeHtml(String(req.headers["user-agent"]))}">` +
        `<script src="/probe.js"></script></body></html>`,
    );
  });
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((r) => app.close(r));
});

/** What participant `pid`'s app saw, once its probe has run. */
async function seen(
  page: Page,
  pid: string,
): Promise<{ header: string; ua: string; platform: string; sdk: string }> {
  const handle = await page.waitForSelector(`iframe[data-participant="${pid}"]`, {
    state: "attached",
  });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${pid} has no app frame`);
  await frame.waitForFunction(() => document.body?.dataset.sdk !== undefined);
  return frame.evaluate(() => {
    const d = document.body.dataset;
    return {
      header: d.header ?? "",
      ua: d.ua ?? "",
      platform: d.platform ?? "",
      sdk: d.sdk ?? "",
    };
  });
}

test("a 3.11 Windows and a 3.14 Mac participant each get their own client's user agent", async ({
  page,
  harness,
}) => {
  await openHarness(
    page,
    harness,
    `?app=${encodeURIComponent(appUrl)}&participants=${encodeURIComponent("Win:host:3.11.0:Windows,Mac:attendee:3.14.0:Mac")}`,
  );
  await page.evaluate(async () => {
    const h = (globalThis as HarnessWindow).yiqiHarness;
    await h.meeting.ui.openApp(h.participantId("Mac"));
  });
  // Named by its page's title, not by a host label (decision 0009).
  expect(
    await page.evaluate(() => (globalThis as HarnessWindow).yiqiHarness.meeting.app().name),
  ).toBe("UA probe");
  const win = await seen(page, "p1");
  const mac = await seen(page, "p2");
  const browserUa = await page.evaluate(() => navigator.userAgent);
  expect(browserUa, "the harness page itself is the plain browser").not.toContain("tencent_wemeet");

  expect(win.header).toMatch(
    /^Mozilla\/5\.0 \(Windows NT [^)]*\).* Chrome\/77\.\S+ Safari\/537\.36 arch\/\S+ app\/tencent_wemeet os_name\/Windows os_version\/\S+ app_version\/3\.11\.0 c_district\/0$/,
  );
  expect(win.ua, "navigator.userAgent is the UA its requests carry").toBe(win.header);
  expect(mac.header).toMatch(
    /^Mozilla\/5\.0 \(Macintosh; .* app\/tencent_wemeet os_name\/Mac os_version\/\S+ app_version\/3\.14\.0 c_district\/0$/,
  );
  expect(mac.ua).toBe(mac.header);
  // Chromium has navigator.userAgentData: it agrees with each client's OS.
  expect([win.platform, mac.platform]).toEqual(["Windows", "macOS"]);
  // Detected the documented way, each loaded the SDK by Tencent's URL and got the shim.
  expect([win.sdk, mac.sdk]).toEqual(["object", "object"]);
});

test("changing a participant's client version reloads its app with the new user agent", async ({
  page,
  harness,
}) => {
  await openHarness(
    page,
    harness,
    `?app=${encodeURIComponent(appUrl)}&participants=${encodeURIComponent("Win:host:3.11.0:Windows")}`,
  );
  expect((await seen(page, "p1")).ua).toContain("app_version/3.11.0 ");
  await page.evaluate(async () => {
    const h = (globalThis as HarnessWindow).yiqiHarness;
    await h.meeting.updateParticipant(h.participantId("Win"), { clientVersion: "3.12.0" });
  });
  await expect
    .poll(async () => {
      const s = await seen(page, "p1").catch(() => null);
      return s && [s.ua.includes("app_version/3.12.0 "), s.header === s.ua];
    })
    .toEqual([true, true]);
});
