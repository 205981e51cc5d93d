/**
 * `@yiqi/conformance/playwright` on apps that connect slowly, fail to load, never load the SDK
 * or are refused at the handshake: the fixtures wait, and when an app does not connect they say
 * which participant and why; a refused `meeting.ui` action throws the simulator's reason at the
 * test's line; a page that stops answering fails the step with a coded error instead of the
 * test timeout; a failed test's evidence (timeline, screenshots) goes to the report.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  attachFailureEvidence,
  expect,
  type OpenMeeting,
  openMeeting,
  YiqiFixtureError,
  test as yiqi,
} from "@yiqi/conformance/playwright";

/** Tencent's SDK URL: the harness answers it with the wemeet shim. */
const SDK = "https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-1.0.0.js";

/** The apps under test, one page each. */
const PAGES: Record<string, string> = {
  // Loads the SDK only after a while: the host's 一起用 is refused until it has connected.
  "/slow.html": `<!doctype html><title>slow</title><p>slow</p><script>
    setTimeout(() => {
      const s = document.createElement("script");
      s.src = "${SDK}";
      document.head.append(s);
    }, 1500);
  </script>`,
  // Never loads the SDK.
  "/plain.html": "<!doctype html><title>plain</title><p>no SDK here</p>",
  // Says hello in a protocol version the host does not speak.
  "/old-protocol.html": `<!doctype html><title>old</title><script>
    parent.postMessage({ bridge: "yiqi", ns: "yiqi.wemeet", v: 999, kind: "hello", nonce: "n-1" }, "*");
  </script>`,
};

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );

const test = yiqi.extend<object, { apps: string; deadUrl: string }>({
  apps: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring.
    async ({}, use) => {
      const server = createServer((req, res) => {
        const page = PAGES[new URL(req.url ?? "/", "http://x").pathname];
        res.writeHead(page ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
        res.end(page ?? "not found");
      });
      const port = await listen(server);
      await use(`http://127.0.0.1:${port}`);
      await new Promise((r) => server.close(r));
    },
    { scope: "worker" },
  ],
  deadUrl: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring.
    async ({}, use) => {
      // A port nobody listens on any more.
      const server = createServer();
      const port = await listen(server);
      await new Promise((r) => server.close(r));
      await use(`http://127.0.0.1:${port}/`);
    },
    { scope: "worker" },
  ],
});

/** The error `p` rejects with (fails when it resolves; a meeting it opened is closed). */
async function rejection(p: Promise<unknown>): Promise<YiqiFixtureError> {
  const error = await p.then(
    async (opened) => {
      await (opened as Partial<OpenMeeting> | undefined)?.close?.();
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(YiqiFixtureError);
  return error as YiqiFixtureError;
}

test.describe("a slow app", () => {
  test.use({
    participants: 2,
    appUrl: async ({ apps }, use) => use(`${apps}/slow.html`),
  });

  test("the meeting is handed over once the host's app has connected: 一起用 is accepted", async ({
    meeting,
  }) => {
    const started = await meeting.ui("clickStart", "Host");
    expect(started).toEqual(expect.objectContaining({ status: expect.anything() }));
    const session = await meeting.evaluate((h) => h.meeting.session()?.starterId ?? null);
    expect(session).toBe("p1");
  });

  test("join waits for the joiner's new app; frame() hands it over connected", async ({
    meeting,
    participant,
  }) => {
    await meeting.ui("clickStart", "Host");
    await meeting.ui("join", "Alice");
    const view = await meeting.evaluate((h) => h.view("Alice").app);
    expect(view?.instanceId).not.toBeNull();
    const alice = await participant("Alice").frame();
    await expect(alice.locator("body")).toContainText("slow");
  });
});

test.describe("refused and unknown actions", () => {
  test.use({ participants: 2 });

  test("a refused action throws the simulator's coded reason at the test's line", async ({
    meeting,
  }) => {
    const error = await rejection(meeting.ui("clickStart", "Alice"));
    expect(error.code).toBe("UI_REFUSED");
    expect(error.reason).toBe("NOT_PERMITTED");
    expect(error.participant).toBe("Alice");
    expect(error.message).toBe(
      'meeting.ui("clickStart", "Alice") was refused: NOT_PERMITTED: Alice has no app open',
    );
    // The first frame of the stack is this file, not the fixture's code.
    expect(error.stack?.split("\n")[1]).toContain("yiqiFixtures.spec.ts");
  });

  test("an unknown action lists the known ones; an unknown participant lists who is there", async ({
    meeting,
  }) => {
    const unknown = await rejection(meeting.ui("clickStrat" as "clickStart", "Host"));
    expect(unknown.code).toBe("UNKNOWN_UI_ACTION");
    for (const action of ["openApp", "clickStart", "join", "leave", "end", "answerConfirmation"])
      expect(unknown.message).toContain(action);
    const nobody = await rejection(meeting.ui("join", "Zoe"));
    expect(nobody.code).toBe("UNKNOWN_PARTICIPANT");
    expect(nobody.message).toContain("Host (p1), Alice (p2)");
  });

  test("the evidence of a failed test: timeline, a screenshot per participant, refusals", async ({
    meeting,
  }, testInfo) => {
    await rejection(meeting.ui("leave", "Alice"));
    await attachFailureEvidence(meeting.page, testInfo);
    const names = testInfo.attachments.map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "yiqi-timeline.json",
        "yiqi-Host.png",
        "yiqi-Alice.png",
        "yiqi-refused-ui-actions.txt",
      ]),
    );
    const timeline = JSON.parse(
      String(testInfo.attachments.find((a) => a.name === "yiqi-timeline.json")?.body),
    ) as { format: string; entries: { name: string }[] };
    expect(timeline.format).toBe("yiqi-timeline");
    expect(timeline.entries.some((e) => e.name === "ui.leave")).toBe(true);
    const refused = String(
      testInfo.attachments.find((a) => a.name === "yiqi-refused-ui-actions.txt")?.body,
    );
    expect(refused).toContain("Alice ui.leave:");
  });
});

test.describe("a harness page that stops answering", () => {
  test.use({ participants: 2, connectTimeout: 1000 });

  test("meeting.evaluate is bounded: PAGE_UNRESPONSIVE naming the step, at the test's line", async ({
    meeting,
  }) => {
    // A call into the page that never settles (as a stuck script or an open dialog would).
    const error = await rejection(meeting.evaluate(() => new Promise<never>(() => {})));
    expect(error.code).toBe("PAGE_UNRESPONSIVE");
    expect(error.message).toContain("meeting.evaluate(fn): the harness page did not answer");
    expect(error.stack?.split("\n")[1]).toContain("yiqiFixtures.spec.ts");
  });
});

test.describe("a refusal the test did not see (a pane click)", () => {
  test.use({ participants: 2, connectTimeout: 1000 });

  test("frame() says the participant has no app open, and what the client refused", async ({
    meeting,
    participant,
  }) => {
    // What a click on a pane button does: the page's handler ignores the refusal.
    await meeting.evaluate(async (h) => {
      await h.meeting.ui.join(h.participantId("Alice"));
    });
    const error = await rejection(participant("Alice").frame());
    expect(error.code).toBe("NOT_CONNECTED");
    expect(error.participant).toBe("Alice");
    expect(error.message).toContain("Alice (p2) has no app open within 1 s");
    expect(error.message).toContain("(the client refused Alice's ui.join: NO_ACTIVE_SESSION:");
  });
});

test.describe("an app that does not connect: which participant, and why", () => {
  const open = (
    browser: Parameters<typeof openMeeting>[0]["browser"],
    harness: Parameters<typeof openMeeting>[0]["harness"],
    appUrl: string,
  ): Promise<unknown> =>
    openMeeting({ browser, harness, appUrl, participants: 2, connectTimeout: 3000 });

  test("unreachable: the HTTP error of the app page", async ({ browser, harness, deadUrl }) => {
    const error = await rejection(open(browser, harness, deadUrl));
    expect(error.code).toBe("APP_UNREACHABLE");
    expect(error.participant).toBe("Host");
    expect(error.message).toContain("Host (p1)");
    expect(error.message).toContain("HTTP 502");
  });

  test("no SDK: the page loaded but never loaded the wemeet SDK", async ({
    browser,
    harness,
    apps,
  }) => {
    let evidence = false;
    const error = await rejection(
      openMeeting({
        browser,
        harness,
        appUrl: `${apps}/plain.html`,
        participants: 2,
        connectTimeout: 3000,
        onOpenFailure: async () => {
          evidence = true;
        },
      }),
    );
    expect(error.code).toBe("NO_SDK");
    expect(error.message).toContain("Host (p1): the app page loaded (HTTP 200)");
    expect(evidence).toBe(true);
  });

  test("handshake refused: the bridge's reason", async ({ browser, harness, apps }) => {
    const error = await rejection(open(browser, harness, `${apps}/old-protocol.html`));
    expect(error.code).toBe("HANDSHAKE_REFUSED");
    expect(error.reason).toBe("PROTOCOL_MISMATCH");
    expect(error.message).toContain("Host (p1): the host refused the app's handshake");
  });
});
