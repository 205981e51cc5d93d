import assert from "node:assert/strict";
import { test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { type AppConfig, createMeeting, type Meeting } from "@yiqi/mock-host";
import { BUILTIN_SCENARIOS, findScenario } from "./builtin.ts";
import { defineScenario, type Scenario } from "./defineScenario.ts";
import { headlessDriver } from "./headlessDriver.ts";
import { createScenarioRun } from "./runScenario.ts";
import { expect, ui } from "./steps/index.ts";

function setUp(scenario: Scenario, app: Partial<AppConfig> = {}): Meeting {
  return createMeeting({
    seed: scenario.name,
    clock: { now: () => Date.now() },
    app: { url: "https://app.example/", ...scenario.app, ...app },
    ...(scenario.decisions ? { decisions: scenario.decisions } : {}),
    participants: scenario.participants.map((p) => ({ ...p })),
  });
}

for (const scenario of BUILTIN_SCENARIOS) {
  test(`built-in scenario ${scenario.name} passes headless`, async () => {
    const meeting = setUp(scenario);
    const driver = headlessDriver(meeting);
    try {
      const result = await createScenarioRun(scenario, driver).play();
      assert.equal(result.passed, true, result.error);
      assert.ok(result.steps.every((s) => s.status === "passed"));
    } finally {
      driver.close();
    }
  });
}

test("an assertion fails when the behaviour breaks (no screen share configured)", async () => {
  const scenario = findScenario("basic-flow") as Scenario;
  const meeting = setUp(scenario, { screenShare: false });
  const driver = headlessDriver(meeting);
  const short = defineScenario({
    ...scenario,
    steps: [
      ui.openApp("Host"),
      ui.clickStart("Host"),
      { ...expect.view("Bob").showsShare("Host"), timeoutMs: 200 },
    ].map((s) => ({ ...s, timeoutMs: Math.min(s.timeoutMs, 2000) })),
  });
  try {
    const result = await createScenarioRun(short, driver).play();
    assert.equal(result.passed, false);
    assert.equal(result.steps[2]?.status, "failed");
    assert.match(result.error ?? "", /step 3 \(Bob sees the screen share of Host\)/);
  } finally {
    driver.close();
  }
});

test("waits are bounded and say what they waited for", async () => {
  const meeting = createMeeting({
    participants: [{ nickname: "Host", role: RoleType.HOST }],
    app: { url: "https://app.example/" },
  });
  // No driver: the frame never connects.
  const scenario = defineScenario({
    name: "never",
    title: "never",
    participants: [{ nickname: "Host", role: RoleType.HOST }],
    steps: [ui.openApp("Host"), ui.clickStart("Host", { timeoutMs: 150 })],
  });
  const t0 = Date.now();
  const result = await createScenarioRun(scenario, { meeting, reloadApp: () => {} }).play();
  assert.ok(Date.now() - t0 < 2000);
  assert.equal(result.passed, false);
  assert.match(result.error ?? "", /Host's app connects: not true after 150 ms/);
});

test("step, pause and the failure of an action with the wrong outcome", async () => {
  const meeting = createMeeting({
    participants: [
      { nickname: "Host", role: RoleType.HOST },
      { nickname: "Alice", role: RoleType.ATTENDEE },
    ],
    app: { url: "https://app.example/" },
  });
  const driver = headlessDriver(meeting);
  const scenario = defineScenario({
    name: "steps",
    title: "steps",
    participants: [],
    steps: [ui.openApp("Host"), ui.join("Alice"), expect.session.none()],
  });
  try {
    const run = createScenarioRun(scenario, driver);
    assert.equal(run.status(), "idle");
    const first = await run.step();
    assert.equal(first?.status, "passed");
    assert.equal(run.current(), 1);
    assert.equal(run.status(), "paused");
    const result = await run.play();
    assert.equal(result.passed, false);
    assert.match(result.error ?? "", /Alice clicks 加入 failed: NO_ACTIVE_SESSION/);
    assert.deepEqual(
      result.steps.map((s) => s.status),
      ["passed", "failed", "skipped"],
    );
  } finally {
    driver.close();
  }
});

test("unknown participant names fail the step clearly", async () => {
  const meeting = createMeeting({ participants: [{ nickname: "Host", role: RoleType.HOST }] });
  const scenario = defineScenario({
    name: "who",
    title: "who",
    participants: [],
    steps: [ui.join("Zed")],
  });
  const result = await createScenarioRun(scenario, { meeting, reloadApp: () => {} }).play();
  assert.match(result.error ?? "", /no participant named "Zed" \(present: Host\)/);
});

test("defineScenario refuses duplicate names and bad ids", () => {
  const p = { nickname: "A", role: RoleType.HOST };
  assert.throws(() => defineScenario({ name: "x", title: "", participants: [p, p], steps: [] }));
  assert.throws(() => defineScenario({ name: "Bad Name", title: "", participants: [], steps: [] }));
});
