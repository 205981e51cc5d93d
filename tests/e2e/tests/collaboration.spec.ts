/**
 * SPEC A3 in Chromium through the real stack: an unmodified app (it loads `wemeet-js-sdk.js`
 * with a plain script tag) in cross-site frames, one per participant, served by the meeting
 * simulator through `attachApp`; three participants.
 */
import type { Frame, Page } from "@playwright/test";
import type { PageGlobals } from "../src/pageApi.ts";
import { expect, frameById, test } from "./fixtures.ts";

type Win = typeof globalThis & PageGlobals & { wemeet: import("@yiqi/jsapi").Wemeet };

async function appFrame(page: Page, pid: string): Promise<Frame> {
  await page.waitForFunction((p) => (globalThis as Win).meetingHost.frameId(p) !== null, pid);
  const id = await page.evaluate((p) => (globalThis as Win).meetingHost.frameId(p), pid);
  const frame = await frameById(page, id as string, "wemeetProbe");
  await frame.evaluate(() => (globalThis as Win).wemeetProbe.early());
  return frame;
}

const scene = (frame: Frame): Promise<string> =>
  frame.evaluate(() => (globalThis as Win).wemeet.app.getRunningContext().then((c) => c.scene));

const host = <T>(page: Page, fn: (h: PageGlobals["meetingHost"]) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(globalThis.meetingHost)`) as Promise<T>;

test.describe("SPEC A3 with three participants in cross-site frames", () => {
  test("start, invite, join, leave, rejoin, end", async ({ page, server }) => {
    await page.goto(
      `${server.hostUrl("meeting-host.html")}?app=${encodeURIComponent(server.appUrl("wemeet-app.html"))}`,
    );
    await page.waitForFunction(() => "meetingHost" in globalThis);
    expect(await host(page, (h) => h.openApp("p1"))).toBe(true);
    expect(await host(page, (h) => h.openApp("p2"))).toBe(true);
    const hostApp = await appFrame(page, "p1");
    let alice = await appFrame(page, "p2");
    expect(await hostApp.evaluate(() => location.origin)).toBe(server.appOrigin);
    expect(await page.evaluate(() => location.origin)).toBe(server.hostOrigin);
    expect(await scene(hostApp)).toBe("inMeeting");

    // The host starts: callback SUCCESS and the Promise resolves.
    const started = await hostApp.evaluate(async () => {
      const w = (globalThis as Win).wemeet;
      let status: number | undefined;
      const resp = await w.collaboration.start({ callback: (r) => (status = r.status) });
      return { resp: resp.status, status, success: w.AppHandleRespType.SUCCESS };
    });
    expect(started.resp).toBe(started.success);
    expect(started.status).toBe(started.success);
    const session = await host(page, (h) => h.session());
    expect(session).not.toBeNull();
    expect((await host(page, (h) => h.view("p1"))).statusBar?.text).toContain("正在一起使用");
    for (const pid of ["p2", "p3"]) {
      const view = await page.evaluate((p) => (globalThis as Win).meetingHost.view(p), pid);
      expect(view.invitation?.activeId, `${pid} invited`).toBe(session?.activeId);
    }

    // Alice joins from her open app and runs inCollaboration.
    await alice.evaluate(() => (globalThis as Win).wemeet.collaboration.join());
    expect(await scene(alice)).toBe("inCollaboration");
    await expect
      .poll(() =>
        hostApp.evaluate(() => (globalThis as Win).wemeetProbe.events().map((e) => e.action)),
      )
      .toEqual(["start", "join"]);
    const [, aliceP] = await host(page, (h) => h.participants());
    const join = await hostApp.evaluate(() => (globalThis as Win).wemeetProbe.events()[1]);
    expect(join?.msOpenId).toBe(aliceP?.msOpenId);

    // Alice leaves: her frame is closed, the rejoin bar is shown.
    await alice.evaluate(() => (globalThis as Win).wemeet.collaboration.leave());
    await page.waitForFunction(() => (globalThis as Win).meetingHost.frameId("p2") === null);
    expect((await host(page, (h) => h.view("p2"))).rejoinBar).not.toBeNull();

    // She joins again from the bar: a new frame in the session.
    expect(await host(page, (h) => h.join("p2"))).toBe(true);
    alice = await appFrame(page, "p2");
    expect(await scene(alice)).toBe("inCollaboration");
    expect(
      await alice.evaluate(() => (globalThis as Win).wemeet.collaboration.getContext()),
    ).toEqual({
      activeID: session?.activeId,
      url: session?.url,
    });

    // Bob joins from his invitation.
    expect(await host(page, (h) => h.join("p3"))).toBe(true);
    const bob = await appFrame(page, "p3");
    expect(await scene(bob)).toBe("inCollaboration");

    // The host ends: every joined frame closes; only the host's own app stays.
    await hostApp.evaluate(() => (globalThis as Win).wemeet.collaboration.end());
    await page.waitForFunction(
      () =>
        (globalThis as Win).meetingHost.frameId("p2") === null &&
        (globalThis as Win).meetingHost.frameId("p3") === null,
    );
    expect(await host(page, (h) => h.session())).toBeNull();
    expect(await host(page, (h) => h.openInstances())).toEqual(["p1"]);
    await expect
      .poll(() =>
        hostApp.evaluate(() => (globalThis as Win).wemeetProbe.events().map((e) => e.action)),
      )
      .toEqual(["start", "join", "leave", "join", "join", "end"]);
  });

  test("an attendee's start reports FAILED and rejects; a too-old client gets the version error", async ({
    page,
    server,
  }) => {
    await page.goto(
      `${server.hostUrl("meeting-host.html")}?app=${encodeURIComponent(server.appUrl("wemeet-app.html"))}`,
    );
    await page.waitForFunction(() => "meetingHost" in globalThis);
    await host(page, (h) => h.openApp("p3"));
    const bob = await appFrame(page, "p3");
    const attempt = await bob.evaluate(async () => {
      const w = (globalThis as Win).wemeet;
      const statuses: number[] = [];
      try {
        await w.collaboration.start({ callback: (r) => statuses.push(r.status) });
        return { rejected: false, statuses, failed: w.AppHandleRespType.FAILED };
      } catch (e) {
        return {
          rejected: true,
          code: (e as { code: string }).code,
          statuses,
          failed: w.AppHandleRespType.FAILED,
        };
      }
    });
    expect(attempt.rejected).toBe(true);
    expect(attempt.code).toBe("NOT_PERMITTED");
    expect(attempt.statuses).toEqual([attempt.failed]);

    const old = await page.evaluate(() =>
      (globalThis as Win).meetingHost.addParticipant("Old", 1, "3.11.5.100"),
    );
    await page.evaluate((p) => (globalThis as Win).meetingHost.openApp(p), old);
    const oldApp = await appFrame(page, old);
    const err = await oldApp.evaluate(() =>
      (globalThis as Win).wemeet.collaboration.start().then(
        () => null,
        (e: { code: string; errMsg: string }) => ({ code: e.code, errMsg: e.errMsg }),
      ),
    );
    expect(err?.code).toBe("UNSUPPORTED_VERSION");
    expect(err?.errMsg).toMatch(/3\.11\.5\.100.*3\.12\.0/);
    // app.version is callable and a string (decision 0119); a function does not cross evaluate.
    expect(await oldApp.evaluate(() => String((globalThis as Win).wemeet.app.version))).toBe(
      "3.11.5.100",
    );
  });
});
