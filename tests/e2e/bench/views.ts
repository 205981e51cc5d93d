/**
 * `pnpm bench` (views part, issue 14 item 5b): participants joined and responsive against the
 * meeting size (32, 128, 256) and the browser processes that share it (1, 2, 4), on this machine.
 *
 * One harness server runs the meeting (decision 0038). For each cell (N, k): a controller page
 * (the full harness page in a browser of its own, `?participants=1`) resets the meeting to the
 * host alone and serves the host's app; k Chromium processes (separate `chromium.launch`es, the
 * repo's launch options) each open one harness page with `?view=shared&join=<share>`, so that
 * together they bring N participants. Then the host starts 一起玩 (`meeting.ui.clickStart`, from
 * the controller) and every page joins its own participants (`meeting.ui.join`), and the bench
 * prints:
 *
 * - start -> all joined and rendered: until every joiner's demo instance has read the session
 *   with `collaboration.getContext` (which it does right before drawing the shared board), read
 *   from the server's own trace, as `bench/harness.ts` reads the page's;
 * - the worst page's frame p50 (a no-op evaluate that waits for a frame, 30 samples per page);
 * - memory per participant: the k browsers' resident memory minus each one's while it showed the
 *   same harness page with no participant of its own, over N.
 *
 * Ratios are against the (N, k=1) cell of the same run, and the join time against N=32 at the
 * same k. Every wait is bounded (`BENCH_VIEWS_TIMEOUT_S`, 120 s per cell; a cell in which no
 * joiner rendered for 20 s is over too: an app whose first call timed out does not try again):
 * a cell that does not finish is printed as such (with where its missing joiners stand and what
 * the first one's app says) and the run goes on, without
 * the cells that have as many or more participants and processes (they would not finish either
 * on this machine, and waiting for each bound would triple the run). `BENCH_VIEWS_SIZES` and
 * `BENCH_VIEWS_PROCESSES` shorten a run (`BENCH_VIEWS_SIZES=0` skips it). Nothing is asserted;
 * the last line is one JSON object.
 *
 * @module
 */
import { HARNESS_READY_SELECTOR, type YiqiHarnessWindow } from "@yiqi/harness";
import { type HarnessServer, startHarnessServer } from "@yiqi/harness/node";
import { type Browser, chromium, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../src/chromium.ts";
import { BoundExceeded, bounded, browserRss, framePaceP50, MB } from "./browserProbes.ts";
import { frozenAssets } from "./frozenAssets.ts";

const list = (raw: string): number[] =>
  raw
    .split(",")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
/** Ascending: a cell's ratios are against cells run before it. */
const SIZES = list(process.env.BENCH_VIEWS_SIZES ?? "32,128,256").sort((a, b) => a - b);
const PROCESSES = list(process.env.BENCH_VIEWS_PROCESSES ?? "1,2,4").sort((a, b) => a - b);
const CELL_BOUND_MS = Number(process.env.BENCH_VIEWS_TIMEOUT_S ?? 120) * 1000;
/** A cell in which no joiner rendered for this long is over (see {@link allRendered}). */
const QUIET_MS = 20_000;
/** Loading one page (the harness page, its claim) is bounded apart from the cell. */
const PAGE_BOUND_MS = 60_000;

type HarnessWindow = typeof globalThis & YiqiHarnessWindow;
/** The remote-mode members of the page's meeting (a `RemoteMeeting`). */
type RemoteReads = { viewId: string; holders(): Record<string, string> };

interface Cell {
  participants: number;
  processes: number;
  /** Start -> every joiner rendered (ms); null when the cell did not finish. */
  joinAllMs: number | null;
  /** The worst page's frame p50 (ms). */
  frameMsP50: number | null;
  memoryPerParticipantMB: number | null;
  /** Why the cell has no numbers (its bound, a refusal). */
  failed?: string;
  /** It did not finish within its bound (a cell with as many or more of both is not run). */
  overBound?: boolean;
}

/** Opens a harness page at `query` and waits (bounded) until it is ready. */
async function openPage(
  browser: Browser,
  url: string,
  query: string,
  opened: Page[] = [],
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  opened.push(page);
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${url}${query}`, { timeout: PAGE_BOUND_MS });
  await page.waitForSelector(HARNESS_READY_SELECTOR, { timeout: PAGE_BOUND_MS });
  return page;
}

/** The controller: the full harness page with the host alone, its app connected. */
async function openController(browser: Browser, url: string, opened?: Page[]): Promise<Page> {
  const page = await openPage(browser, url, "?participants=1", opened);
  await page.waitForFunction(
    () =>
      (globalThis as HarnessWindow).yiqiHarness.meeting
        .instances()
        .some((i) => i.participantId === "p1" && !i.closed),
    undefined,
    { timeout: PAGE_BOUND_MS, polling: 200 },
  );
  return page;
}

/** The participants `page` serves (its view holds them), from its replica. */
const heldBy = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const m = (globalThis as HarnessWindow).yiqiHarness.meeting as unknown as RemoteReads;
    return Object.entries(m.holders())
      .filter(([, view]) => view === m.viewId)
      .map(([id]) => id);
  });

/** `n` split over `k` pages as evenly as it goes. */
const shares = (n: number, k: number): number[] =>
  Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));

/**
 * Resolves with the ms from now until every one of `joiners` read the session on the server;
 * rejects (a {@link BoundExceeded}) once no joiner has for {@link QUIET_MS}: an app whose first
 * call timed out does not try again, so the rest will not come.
 */
function allRendered(server: HarnessServer, joiners: readonly string[]) {
  const meeting = server.meetingCore?.meeting;
  if (!meeting) throw new Error("the harness server runs no meeting (was it given --meeting?)");
  const waiting = new Set(joiners);
  const t0 = performance.now();
  let last = t0;
  let off = (): void => {};
  let quiet: ReturnType<typeof setInterval> | undefined;
  const done = new Promise<number>((resolve, reject) => {
    off = meeting.trace.subscribe((e) => {
      if (e.kind !== "result" || e.name !== "collaboration.getContext" || !e.participantId) return;
      if (!waiting.delete(e.participantId)) return;
      last = performance.now();
      if (waiting.size === 0) resolve(last - t0);
    });
    quiet = setInterval(() => {
      if (performance.now() - last > QUIET_MS)
        reject(new BoundExceeded(`no joiner rendered for ${QUIET_MS / 1000} s`));
    }, 1000);
  });
  const stop = (): void => {
    off();
    clearInterval(quiet);
  };
  return { done: done.finally(stop), missing: () => [...waiting], stop };
}

/**
 * Where `pids` stand on the server (for a cell over its bound): joined or not, the client's app,
 * an open instance, the participant's last trace entry; the first few, then a count.
 */
function diagnose(server: HarnessServer, pids: readonly string[]): string {
  const meeting = server.meetingCore?.meeting;
  if (!meeting) return "";
  const joined = new Set(meeting.session()?.joined ?? []);
  const entries = meeting.trace.entries();
  const shown = pids.slice(0, 3).map((pid) => {
    const open = meeting.instances().some((i) => i.participantId === pid && !i.closed);
    const last = entries.filter((e) => e.participantId === pid).at(-1);
    return `${pid}: ${joined.has(pid) ? "joined" : "not joined"}, app ${meeting.view(pid).app ? "shown" : "none"}, ${open ? "instance open" : "no open instance"}, last ${last ? `${last.kind} ${last.name}` : "nothing"}`;
  });
  return `${shown.join("; ")}${pids.length > 3 ? `; and ${pids.length - 3} more` : ""}`;
}

/** The last note the demo app of `pid` shows (why it stopped: a call that timed out, ...). */
async function appNote(pages: readonly Page[], pid: string): Promise<string> {
  for (const page of pages) {
    const frame = await (await page.$(`iframe[data-participant="${pid}"]`))?.contentFrame();
    const note = await frame
      ?.evaluate(() => document.querySelector("#log li:last-child")?.textContent ?? null)
      .catch(() => null);
    if (note) return `; ${pid}'s app says: ${note.slice(0, 200)}`;
  }
  return "";
}

async function runCell(
  server: HarnessServer,
  controllerBrowser: Browser,
  browsers: readonly Browser[],
  n: number,
  baselineBytes: readonly number[],
): Promise<Cell> {
  const k = browsers.length;
  const cell: Cell = {
    participants: n,
    processes: k,
    joinAllMs: null,
    frameMsP50: null,
    memoryPerParticipantMB: null,
  };
  const pages: Page[] = [];
  /** The controller page (in a list so that a set-up over its bound still closes it). */
  const controllers: Page[] = [];
  let rendered: ReturnType<typeof allRendered> | undefined;
  try {
    await bounded(`(${n}, ${k}) set up`, CELL_BOUND_MS, setUp());
    const joiners =
      server.meetingCore?.meeting
        .participants()
        .slice(1)
        .map((p) => p.id) ?? [];
    if (joiners.length !== n)
      throw new Error(`the meeting has ${joiners.length} joiners, not ${n}`);
    rendered = allRendered(server, joiners);
    const started = performance.now();
    const start = await (controllers[0] as Page).evaluate(async () => {
      const r = await (globalThis as HarnessWindow).yiqiHarness.meeting.ui.clickStart("p1");
      return r.ok ? null : r.error.errMsg;
    });
    if (start !== null) throw new Error(`the host could not start: ${start}`);
    const joins = Promise.all(
      pages.map((page) =>
        page.evaluate(async () => {
          const m = (globalThis as HarnessWindow).yiqiHarness.meeting;
          const own = m as unknown as RemoteReads;
          const ids = Object.entries(own.holders())
            .filter(([, view]) => view === own.viewId)
            .map(([id]) => id);
          const results = await Promise.all(ids.map((id) => m.ui.join(id)));
          return results.filter((r) => !r.ok).length;
        }),
      ),
    );
    const remaining = CELL_BOUND_MS - (performance.now() - started);
    const [refused] = await bounded(
      `(${n}, ${k}) start -> all rendered`,
      remaining,
      Promise.all([joins.then((r) => r.reduce((a, b) => a + b, 0)), rendered.done]),
    ).catch(async (e: unknown) => {
      if (!(e instanceof BoundExceeded)) throw e;
      const missing = rendered?.missing() ?? [];
      throw new BoundExceeded(
        `${e.message} (${n - missing.length} of ${n} rendered; ${diagnose(server, missing)}${missing[0] ? await appNote(pages, missing[0]) : ""})`,
      );
    });
    if (refused > 0) throw new Error(`${refused} joins refused`);
    // The time the last joiner read the session, from the host's start.
    cell.joinAllMs = Math.round(await rendered.done);
    await pages[0]?.waitForTimeout(300);
    let worst = 0;
    for (const page of pages) worst = Math.max(worst, await framePaceP50(page));
    cell.frameMsP50 = Math.round(worst * 10) / 10;
    let added = 0;
    for (const [i, b] of browsers.entries())
      added += (await browserRss(b)).bytes - (baselineBytes[i] ?? 0);
    cell.memoryPerParticipantMB = Math.round((added / n / MB) * 10) / 10;
  } catch (e) {
    cell.failed = e instanceof Error ? e.message : String(e);
    cell.overBound = e instanceof BoundExceeded;
  } finally {
    rendered?.stop();
    // The controller first: it would otherwise claim the participants the closing pages free.
    await Promise.all(controllers.map((p) => p.close().catch(() => {})));
    await Promise.all(pages.map((p) => p.close().catch(() => {})));
  }
  return cell;

  async function setUp(): Promise<void> {
    await openController(controllerBrowser, server.url, controllers);
    const share = shares(n, k);
    // Pages are tracked as soon as they exist, so a set-up over its bound still closes them.
    await Promise.all(
      browsers.map((b, i) => openPage(b, server.url, `?view=shared&join=${share[i]}`, pages)),
    );
    const held = (await Promise.all(pages.map(heldBy))).map((ids) => ids.length);
    if (held.reduce((a, b) => a + b, 0) !== n)
      throw new Error(`the pages hold ${held.join(" + ")} participants, not ${n}`);
  }
}

/**
 * Each browser's resident memory (bytes) while it shows the shared harness page with no
 * participant of its own (the page, its replica of the meeting with the host alone).
 */
async function baselines(
  server: HarnessServer,
  controllerBrowser: Browser,
  browsers: readonly Browser[],
): Promise<number[]> {
  const controller = await openController(controllerBrowser, server.url);
  const pages = await Promise.all(browsers.map((b) => openPage(b, server.url, "?view=shared")));
  await controller.waitForTimeout(500);
  const bytes: number[] = [];
  for (const b of browsers) bytes.push((await browserRss(b)).bytes);
  await controller.close();
  await Promise.all(pages.map((p) => p.close()));
  return bytes;
}

const ratio = (a: number | null, b: number | null | undefined): string =>
  a !== null && b ? `${(a / b).toFixed(2)}x` : "-";

/** Prints `c`'s row; ratios against the cells run before it (same N at k=1, same k at the first N). */
function printRow(c: Cell, cells: readonly Cell[]): void {
  const at = (n: number, k: number) => cells.find((x) => x.participants === n && x.processes === k);
  const one = at(c.participants, 1);
  const small = at(SIZES[0] as number, c.processes);
  const head = `  ${String(c.participants).padEnd(4)}  ${c.processes}`;
  if (c.failed) {
    if (c.failed.startsWith("not run")) console.log(`${head}  ${c.failed}`);
    else if (c.overBound) console.log(`${head}  did not finish: ${c.failed}`);
    else console.log(`${head}  not measured: ${c.failed}`);
    return;
  }
  console.log(
    `${head}  ${`${c.joinAllMs} ms`.padStart(19)}  ${ratio(c.joinAllMs, one?.joinAllMs).padStart(5)}  ${ratio(c.joinAllMs, small?.joinAllMs).padStart(6)}  ${`${c.frameMsP50} ms`.padStart(15)}  ${ratio(c.frameMsP50, one?.frameMsP50).padStart(5)}  ${`${c.memoryPerParticipantMB} MB`.padStart(18)}  ${ratio(c.memoryPerParticipantMB, one?.memoryPerParticipantMB).padStart(5)}`,
  );
}

async function main(): Promise<void> {
  if (SIZES.length === 0 || PROCESSES.length === 0) return;
  const t0 = performance.now();
  const assets = frozenAssets();
  const server = await startHarnessServer({ port: 0, ...assets });
  const launch = () => chromium.launch(chromiumLaunchOptions());
  const controllerBrowser = await launch();
  const browsers: Browser[] = [];
  for (let i = 0; i < Math.max(...PROCESSES); i++) browsers.push(await launch());
  const cells: Cell[] = [];
  try {
    const base = await baselines(server, controllerBrowser, browsers);
    console.log(
      `\nparticipants across browser processes (one harness server runs the meeting; a controller page holds the host; k browsers each open ?view=shared&join=N/k; the host starts, every page joins its own)`,
    );
    console.log(
      `  N     k  start->all rendered  /k=1  ${`/N=${SIZES[0]}`.padStart(6)}   worst frame p50  /k=1   memory/participant  /k=1`,
    );
    for (const n of SIZES)
      for (const k of PROCESSES) {
        // A smaller cell (fewer or as many participants and processes) that missed its bound
        // says this one would too, on this machine: it is printed as not run, not waited for.
        const missed = cells.find((c) => c.overBound && c.participants <= n && c.processes <= k);
        const cell = missed
          ? {
              participants: n,
              processes: k,
              joinAllMs: null,
              frameMsP50: null,
              memoryPerParticipantMB: null,
              failed: `not run: (${missed.participants}, ${missed.processes}) did not finish`,
            }
          : await runCell(server, controllerBrowser, browsers.slice(0, k), n, base);
        cells.push(cell);
        printRow(cell, cells);
      }
    console.log(
      `  (memory: the k browsers' RSS minus each one's RSS showing the page with none of its own (${base.map((b) => Math.round(b / MB)).join(", ")} MB), over N; ratios against the same N at k=1 and the same k at N=${SIZES[0]})`,
    );
  } finally {
    await Promise.all([controllerBrowser, ...browsers].map((b) => b.close().catch(() => {})));
    await server.close();
    assets.remove();
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  console.log(`  (views part ran ${seconds} s)`);
  console.log(JSON.stringify({ views: cells, seconds }));
}

await main();
