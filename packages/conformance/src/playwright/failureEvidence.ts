/**
 * What a failed test leaves in the Playwright report: the Yiqi timeline (the file the harness's
 * Export button writes), a screenshot of each participant's pane, and the UI actions the client
 * refused (a click on a pane button that was refused does nothing visible).
 *
 * @module
 */
import type { Page, TestInfo } from "@playwright/test";
import type { TimelineFile, YiqiHarnessWindow } from "@yiqi/harness";

/** Each step is bounded: a page that hangs still lets the test end. */
const STEP_TIMEOUT_MS = 5000;

/** What the page gives for the evidence. */
interface PageEvidence {
  timeline: TimelineFile;
  participants: { id: string; nickname: string }[];
  refused: string[];
}

/** In the page: the timeline file, the participants, the refused `ui.*` actions. */
function evidenceInPage(): PageEvidence {
  const h = (globalThis as unknown as YiqiHarnessWindow).yiqiHarness;
  const timeline = h.exportTimeline();
  const nickname = new Map(timeline.participants.map((p) => [p.id, p.nickname]));
  const refused = timeline.entries
    .filter((e) => e.source === "meeting" && e.kind === "error" && e.name.startsWith("ui."))
    .map((e) => {
      const d = (e.data ?? {}) as { code?: unknown; errMsg?: unknown };
      const pid = e.participantId ?? "?";
      return `#${e.seq} ${nickname.get(pid) ?? pid} ${e.name}: ${String(d.code)}: ${String(d.errMsg)}`;
    });
  return { timeline, participants: timeline.participants, refused };
}

/** Rejects after `ms` (a step of the evidence must not hang the teardown). */
function bounded<T>(p: Promise<T>, ms: number = STEP_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Attaches the timeline (`yiqi-timeline.json`), one screenshot per participant
 * (`yiqi-<nickname>.png`) and the refused UI actions (`yiqi-refused-ui-actions.txt`, when there
 * are any) to `testInfo`. What cannot be captured is listed in `yiqi-evidence-errors.txt`.
 */
export async function attachFailureEvidence(page: Page, testInfo: TestInfo): Promise<void> {
  const problems: string[] = [];
  let evidence: PageEvidence | undefined;
  try {
    evidence = await bounded(page.evaluate(evidenceInPage));
  } catch (error) {
    problems.push(`timeline: ${(error as Error).message.split("\n")[0]}`);
  }
  if (evidence) {
    await testInfo.attach("yiqi-timeline.json", {
      body: JSON.stringify(evidence.timeline, null, 2),
      contentType: "application/json",
    });
    if (evidence.refused.length > 0) {
      await testInfo.attach("yiqi-refused-ui-actions.txt", {
        body: `${evidence.refused.join("\n")}\n`,
        contentType: "text/plain",
      });
    }
    for (const p of evidence.participants) {
      const pane = page.getByRole("region", { name: p.nickname, exact: true });
      try {
        const body = await pane.screenshot({ timeout: STEP_TIMEOUT_MS, animations: "disabled" });
        await testInfo.attach(`yiqi-${p.nickname}.png`, { body, contentType: "image/png" });
      } catch (error) {
        problems.push(`${p.nickname}'s screenshot: ${(error as Error).message.split("\n")[0]}`);
      }
    }
  }
  if (problems.length > 0) {
    await testInfo.attach("yiqi-evidence-errors.txt", {
      body: `${problems.join("\n")}\n`,
      contentType: "text/plain",
    });
  }
}
