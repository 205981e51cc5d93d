/**
 * The view page of a meeting server (docs/decisions/0031, "The view page"): one meeting server
 * (the only simulator), a harness server serving `/p/<participant>` for its join link, a phone
 * (390×844, touch, iOS client) and a desktop browser each opening one participant's link. The
 * host starts 一起用 in its app, the phone's app joins, and a cell painted on the phone shows up
 * on the desktop (the demo syncs over the harness's relay). A page without the token is refused,
 * and neither the app nor the page can act as another participant.
 */
import { expect, test } from "@playwright/test";
import { bundledAssets, type HarnessServer, startHarnessServer } from "@yiqi/harness/node";
import { RoleType } from "@yiqi/jsapi";
import { createMeeting } from "@yiqi/mock-host";
import { type MeetingServer, startMeetingServer } from "@yiqi/mock-host/node";
import { openView } from "./harness.fixtures.ts";

let meeting: MeetingServer;
let harness: HarnessServer;

test.beforeAll(async () => {
  meeting = await startMeetingServer({
    port: 0,
    meeting: createMeeting({
      meetingInfo: { meetingSubject: "Design review" },
      participants: [
        { nickname: "Host", role: RoleType.HOST },
        { nickname: "Mei", role: RoleType.ATTENDEE, platform: "iOS", clientVersion: "3.14.0.400" },
      ],
    }),
  });
  harness = await startHarnessServer({ port: 0, ...bundledAssets(), meeting: meeting.url });
});

test.afterAll(async () => {
  await harness?.close();
  await meeting?.close();
});

const viewUrl = (pid: string): string => {
  const url = harness.viewUrl?.(pid);
  if (!url) throw new Error("the harness server was started without a meeting");
  return url;
};

test("a phone and a desktop play along in one meeting server's meeting", async ({ browser }) => {
  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const deskContext = await browser.newContext();
  try {
    const desk = await deskContext.newPage();
    const phone = await phoneContext.newPage();
    const hostApp = await openView(desk, viewUrl("p1"), "p1");
    const meiApp = await openView(phone, viewUrl("p2"), "p2");

    // The chrome: who this page is, from the server's assignment, and the client it runs.
    await expect(phone.locator("#who")).toHaveText("Mei · attendee");
    await expect(phone.locator("#meeting")).toHaveText("Design review");
    await expect(phone.locator("#meeting")).toHaveAttribute(
      "title",
      `Meeting ${meeting.meeting.id}`,
    );
    await expect(phone.locator("#client")).toHaveText("iOS 3.14.0.400");
    await expect(desk.locator("#who")).toHaveText("Host · host");
    // The app runs the participant's client: its UA says iOS (decision 0008).
    expect(await meiApp.evaluate(() => navigator.userAgent)).toContain("os_name/iOS");
    expect(await hostApp.evaluate(() => navigator.userAgent)).toContain("os_name/Mac");
    await expect(phone.locator("#together")).toHaveText("一起用 · off");

    // The host starts 一起用 from its app.
    await hostApp.getByRole("button", { name: "Play together" }).click();
    await expect(desk.locator("#together")).toHaveText("一起用 · together");
    // Mei joins from her client (the invitation, through the server's driver): the simulator
    // replaces her app with the session's instance and her page opens it on her own origin.
    expect(meeting.meeting.view("p2").invitation).toBeTruthy();
    expect(meeting.meeting.ui.join("p2").ok).toBe(true);
    await expect(phone.locator("#together")).toHaveText("一起用 · together");
    const meiSession = phone.frameLocator("#app");
    await expect(meiSession.locator("body")).toHaveAttribute("data-scene", "inCollaboration");
    await expect(meiSession.locator("#channel")).toHaveText(/relay/);
    // Her session instance runs on her origin: the app's own calls are accepted.
    await expect(meiSession.locator("#log")).not.toContainText("INVALID_ARGUMENT");
    await expect(hostApp.locator("#log")).toContainText("joined");
    expect(meeting.meeting.session()?.joined).toEqual(["p2"]);
    expect(new URL(phone.frames()[1]?.url() ?? "").hostname).toBe("p2.demo.localhost");

    // A cell painted on the phone shows up on the desktop.
    const before = await meiSession.locator("body").getAttribute("data-digest");
    await meiSession.getByRole("button", { name: "cell 5", exact: true }).tap();
    const digest = await meiSession.locator("body").getAttribute("data-digest");
    expect(digest).toBeTruthy();
    expect(digest).not.toBe(before);
    await expect(hostApp.locator("body")).toHaveAttribute("data-digest", digest as string);

    // The host ends: the client closes Mei's session app; her page offers to open it again.
    await hostApp.getByRole("button", { name: "End game" }).click();
    await expect(desk.locator("#together")).toHaveText("一起用 · off");
    await expect(phone.locator("#together")).toHaveText("app closed");
    await phone.getByRole("button", { name: "Open the app again" }).tap();
    await expect(phone.locator("#together")).toHaveText("一起用 · off");
    await expect(meiSession.locator("body")).toHaveAttribute("data-scene", "inMeeting");
    expect(meeting.meeting.session()).toBeNull();
  } finally {
    await phoneContext.close();
    await deskContext.close();
  }
});

test("a view page without the token is refused with a page that says what to do", async ({
  page,
}) => {
  const noToken = viewUrl("p2").replace(/\?token=.*/, "");
  const response = await page.goto(noToken);
  expect(response?.status()).toBe(401);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page.getByRole("alert")).toHaveAttribute("data-refused", "BAD_TOKEN");
  await expect(page.getByRole("alert")).toContainText("open the whole link");
  const wrong = await page.goto(`${noToken}?token=${"A".repeat(22)}`);
  expect(wrong?.status()).toBe(401);
});

test("neither the app nor its page can act as another participant", async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  try {
    const page = await context.newPage();
    const app = await openView(page, viewUrl("p2"), "p2");
    // The app is cross-site: it cannot reach into its page.
    expect(
      await app.evaluate(() => {
        try {
          return window.parent.document.title;
        } catch (e) {
          return (e as Error).name;
        }
      }),
    ).toBe("SecurityError");
    // The app cannot open a view of its own, even with the token (its Origin is refused).
    const token = new URL(viewUrl("p2")).searchParams.get("token") as string;
    const socket = `ws://127.0.0.1:${harness.port}/__yiqi/meeting?participant=p1&token=${token}`;
    const fromApp = await app.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve("open");
          ws.onerror = () => resolve("refused");
        }),
      socket,
    );
    expect(fromApp).toBe("refused");
    // The page's own connection stands for p2 only: claiming p1 over it is refused.
    const claimed = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => ws.send(JSON.stringify({ t: "hello", protocol: 1 }));
          ws.onmessage = (e) => {
            const f = JSON.parse(String(e.data)) as { t: string; code?: string };
            if (f.t === "welcome")
              ws.send(JSON.stringify({ t: "claim", id: 1, participants: ["p1"] }));
            else resolve(f.code ?? f.t);
          };
        }),
      socket.replace("participant=p1", "participant=p2"),
    );
    expect(claimed).toBe("NOT_YOUR_PARTICIPANT");
    // A second page for p2, while this one holds it, gets the server's refusal.
    const second = await context.newPage();
    await second.goto(viewUrl("p2"));
    await expect(second.getByRole("alert")).toHaveAttribute("data-refused", "PARTICIPANT_TAKEN");
  } finally {
    await context.close();
  }
});
