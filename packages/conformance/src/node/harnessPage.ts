/**
 * A typed client of the harness page (`window.yiqiHarness`, `YiqiHarnessApi` of `@yiqi/harness`)
 * over a Playwright page: load it, drive the emulated client (`meeting.ui.*`), set decisions,
 * read the session and the trace (incrementally, see {@link TraceMirror}), reach the app frames.
 *
 * @module
 */
import { HARNESS_READY_SELECTOR, type YiqiHarnessApi, type YiqiHarnessWindow } from "@yiqi/harness";
import type { Frame, Page } from "playwright-core";
import { CertError } from "../cert/CertError.ts";
import type { SimTraceEntry } from "../cert/RunRecord.ts";
import { TraceMirror } from "./traceMirror.ts";

/** What a `meeting.ui.*` action answers (a HostResult, as JSON). */
export interface UiResult {
  ok: boolean;
  value?: unknown;
  error?: { code?: string; errMsg?: string };
}

/** The active collaboration session, as `meeting.session()` describes it. */
export interface SessionSnapshot {
  activeId: string;
  url: string;
  starterId: string;
  /** Participants who joined (the starter excluded). */
  joined: string[];
}

/** The patch `meeting.setDecisions` takes. */
type DecisionsPatch = Parameters<YiqiHarnessApi["meeting"]["setDecisions"]>[0];

/** The harness page of a run. */
export class HarnessPage {
  private readonly mirror = new TraceMirror();

  /** @param page The harness page; `timeoutMs` bounds loading it. */
  constructor(
    readonly page: Page,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Opens the harness at `url` and waits until it is ready (`HARNESS_READY_SELECTOR`).
   *
   * @throws {CertError} `HARNESS_FAILED` when it is not ready within the timeout.
   */
  async open(url: string): Promise<void> {
    try {
      // Not until "load": that waits for the host's app frame too, and the attendees' apps open
      // only after this returns. The harness is ready (the selector) before its frames load.
      await this.page.goto(url, { timeout: this.timeoutMs, waitUntil: "domcontentloaded" });
      await this.page.waitForSelector(HARNESS_READY_SELECTOR, { timeout: this.timeoutMs });
    } catch (error) {
      throw new CertError(
        "HARNESS_FAILED",
        `the harness page did not become ready within ${this.timeoutMs / 1000} s (${(error as Error).message.split("\n")[0]}): is the harness built? Reinstall @yiqi/cli (or run pnpm build in the Yiqi repository)`,
      );
    }
  }

  /**
   * The simulator trace so far. Only the entries after the newest one already read cross the
   * wire (with the `trace.truncated` marker, when the page dropped entries); the rest comes from
   * the {@link TraceMirror}.
   */
  async trace(): Promise<SimTraceEntry[]> {
    const batch = await this.page.evaluate((since) => {
      const all: SimTraceEntry[] = (
        globalThis as unknown as YiqiHarnessWindow
      ).yiqiHarness.meeting.trace.entries();
      // In seq order, the marker (if any) first with a seq below every kept entry's.
      let i = all.length;
      while (i > 0 && (all[i - 1] as SimTraceEntry).seq > since) i--;
      const fresh = all.slice(i);
      const first = all[0];
      return i > 0 && first?.kind === "state" && first.name === "trace.truncated"
        ? [first, ...fresh]
        : fresh;
    }, this.mirror.lastSeq);
    this.mirror.apply(batch);
    return this.mirror.entries();
  }

  /**
   * The trace, or what was already read when the page does not answer within `ms` (the run
   * stopped on a hang and the harness shares its renderer).
   */
  async traceWithin(ms: number): Promise<SimTraceEntry[]> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stale = new Promise<SimTraceEntry[]>((r) => {
      timer = setTimeout(() => r(this.mirror.entries()), ms);
    });
    return Promise.race([this.trace().catch(() => this.mirror.entries()), stale]).finally(() =>
      clearTimeout(timer),
    );
  }

  /** Runs `meeting.ui[action](pid)` in the page and returns its HostResult. */
  ui(action: string, pid: string): Promise<UiResult> {
    return this.page.evaluate(
      async ([a, p]) => {
        // The action is looked up by name (`clickStart`, `join`, ...).
        const ui = (globalThis as unknown as YiqiHarnessWindow).yiqiHarness.meeting
          .ui as unknown as Partial<Record<string, (participantId: string) => unknown>>;
        const fn = ui[a];
        if (!fn) throw new Error(`the harness has no meeting.ui.${a}`);
        return JSON.parse(JSON.stringify(await fn(p))) as UiResult;
      },
      [action, pid] as const,
    );
  }

  /** Changes the meeting's decisions (`confirmStart: "accept"`, ...). */
  async setDecisions(patch: Record<string, unknown>): Promise<void> {
    // A meeting server's replica answers a change later: wait for it.
    await this.page.evaluate(async (p) => {
      await (globalThis as unknown as YiqiHarnessWindow).yiqiHarness.meeting.setDecisions(
        p as DecisionsPatch,
      );
    }, patch);
  }

  /** The active session, or null. */
  session(): Promise<SessionSnapshot | null> {
    return this.page.evaluate(() => {
      const s = (globalThis as unknown as YiqiHarnessWindow).yiqiHarness.meeting.session();
      return s && { activeId: s.activeId, url: s.url, starterId: s.starterId, joined: s.joined };
    });
  }

  /** Participants with an open session instance: the starter, then the joined ones. */
  async members(): Promise<string[]> {
    const s = await this.session();
    return s ? [s.starterId, ...s.joined] : [];
  }

  /** The app frame of `pid`, or null when it has none (closed by leave or end). */
  async frameOf(pid: string): Promise<Frame | null> {
    const handle = await this.page.$(`iframe[data-participant="${pid}"]`);
    return (await handle?.contentFrame()) ?? null;
  }

  /** Reloads `pid`'s app frame: the app's document starts over and connects again. */
  async reloadFrame(pid: string): Promise<void> {
    await this.page.evaluate((p) => {
      const f = document.querySelector<HTMLIFrameElement>(`iframe[data-participant="${p}"]`);
      // Reassigning src reloads the frame.
      if (f) f.setAttribute("src", f.getAttribute("src") ?? f.src);
    }, pid);
  }

  /** Saves a screenshot of the whole harness page to `path`. */
  async screenshot(path: string, timeoutMs: number): Promise<void> {
    await this.page.screenshot({ path, timeout: timeoutMs });
  }
}

/** True when `frame` still runs scripts within `ms` (a busy loop or a dead page does not). */
export function frameAnswers(frame: Frame, ms = 1500): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The timer is cleared once the frame answers: a pending one would keep the process alive.
  return Promise.race([
    frame.evaluate(() => true).catch(() => false),
    new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
