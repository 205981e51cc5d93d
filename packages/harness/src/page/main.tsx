/**
 * The harness entry: reads the URL and the server config, joins the server's meeting when it
 * runs one (remote mode) else simulates it in the page, creates the {@link Harness}, renders it,
 * and installs `window.yiqiHarness` for Playwright.
 *
 * @module
 */
import { render } from "preact";
import { BUILTIN_SCENARIOS, findScenario } from "../scenarios/index.ts";
import { DEFAULT_TIMELINE_LIMIT } from "../timeline.ts";
import { Harness } from "./harness.ts";
import { parseSetup } from "./params.ts";
import { connectBackend, meetingLinkOf } from "./remoteBackend.ts";
import { fetchServerConfig, resolveApp } from "./serverConfig.ts";
import { App } from "./ui/App.tsx";
import { roomsDevice } from "./ui/RoomsPanel.tsx";
import { type YiqiHarnessApi, yiqiHarnessApi } from "./yiqiHarnessApi.ts";
import "./styles.css";

declare global {
  interface Window {
    yiqiHarness?: YiqiHarnessApi;
  }
}

async function boot(): Promise<void> {
  const config = await fetchServerConfig();
  const { setup, problems } = parseSetup(location.search, config?.defaultApp ?? "demo");
  if (
    !new URLSearchParams(location.search).has("participants") &&
    config &&
    config.participants !== 3
  ) {
    setup.participants = parseSetup(`?participants=${config.participants}`).setup.participants;
  }
  if (!config)
    problems.push("dev mode: no yiqi harness server; frames load the demo dev server on :5174");
  // `?traceLimit=N`: entries the timeline and the trace keep (default 10,000).
  const traceLimit = Number(new URLSearchParams(location.search).get("traceLimit") ?? "");
  const limited = Number.isInteger(traceLimit) && traceLimit > 0;
  if (new URLSearchParams(location.search).has("traceLimit") && !limited)
    problems.push("traceLimit must be a positive integer; using the default (10000)");
  // Remote mode: the page is a view of the server's meeting (decision 0036); `?local=1` or no
  // server: the page simulates the meeting itself. Joining runs while the app is registered.
  let harness: Harness | null = null;
  const link = meetingLinkOf(location.search, config?.meeting?.link);
  const joining = link
    ? connectBackend(
        link,
        location.search,
        limited ? traceLimit : DEFAULT_TIMELINE_LIMIT,
        problems,
        {
          report: (problem) => harness?.report(problem),
          moved: (ids, reason) => harness?.noteMoved(ids, reason),
        },
      )
    : Promise.resolve(null);
  let source: Awaited<ReturnType<typeof resolveApp>>;
  try {
    source = await resolveApp(setup.app, config);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
    setup.app = "demo";
    source = await resolveApp("demo", config);
  }
  const backend = await joining;
  harness = new Harness(setup, source, {
    ...(limited ? { traceLimit } : {}),
    ...(backend ? { backend } : {}),
  });
  harness.problems.value = problems;
  const tab = new URLSearchParams(location.search).get("tab");
  const root = document.getElementById("root") as HTMLElement;
  let initialTab: "meeting" | "timeline" | "scenarios" | "rooms" | undefined;
  if (tab === "meeting" || tab === "timeline" || tab === "scenarios" || tab === "rooms")
    initialTab = tab;
  if (setup.scenario) {
    if (findScenario(setup.scenario)) initialTab ??= "scenarios";
    else
      problems.push(
        `unknown scenario "${setup.scenario}"; built-in: ${BUILTIN_SCENARIOS.map((s) => s.name).join(", ")}`,
      );
  }
  await harness.start();
  render(<App harness={harness} {...(initialTab ? { initialTab } : {})} />, root);
  window.yiqiHarness = yiqiHarnessApi(harness, roomsDevice);
  document.body.dataset.ready = "1";
}

void boot();
