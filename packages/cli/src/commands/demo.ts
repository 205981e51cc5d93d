/**
 * `yiqi demo`: the 一起用 session flow (docs/reference/collaboration.md#session-flow) with simulated participants, run headless through
 * the real stack (the `wemeet` client -> the bridge -> the meeting simulator), narrated step by
 * step, with the meeting's trace as a timeline.
 */
import { closeSync, openSync, writeFileSync } from "node:fs";
import { AppHandleRespType, RoleType, WemeetError } from "@yiqi/jsapi";
import {
  createMeeting,
  type HeadlessApp,
  type Meeting,
  openHeadlessApp,
  systemClock,
  type TraceEntry,
} from "@yiqi/mock-host";
import { type OptionTable, parseCommandArgs, usageError } from "../args.ts";
import type { Command, CommandIO } from "../command.ts";

const usage = `Usage: yiqi demo [--participants N] [--trace FILE] [--quiet]

Runs the 一起用 session flow headless with N simulated participants (default 3: a host and two
attendees): the host starts, everyone is invited, attendees join, one leaves and joins again,
an attendee tries to start, the host ends. Every step is checked; the meeting's trace is
printed as a timeline. The flow: docs/reference/collaboration.md#session-flow.

Options:
  --participants N   2..64 participants (default 3)
  --trace FILE       also write the full trace as JSON to FILE
  --quiet            print only the steps and the verdict, not the timeline
Exit: 0 every check passed, 1 a check failed, 2 a usage problem (bad flag, a --trace FILE that
cannot be written: checked before the run).`;

interface Step {
  title: string;
  ok: boolean;
  detail?: string;
}

const NAMES = ["Host", "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace"];

function describeEntry(e: TraceEntry, meeting: Meeting): string {
  const who = e.participantId
    ? (meeting.participants().find((p) => p.id === e.participantId)?.nickname ?? e.participantId)
    : "meeting";
  const data = e.data === undefined ? "" : ` ${JSON.stringify(e.data)}`;
  const text = `${String(e.seq).padStart(4)}  +${String(e.t).padStart(5)}ms  ${who.padEnd(8)} ${e.kind.padEnd(6)} ${e.name}${data}`;
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** Runs the demo scenario and returns its steps (exported for tests). */
export async function runDemo(
  count: number,
  log: (step: Step) => void = () => {},
): Promise<{ steps: Step[]; meeting: Meeting }> {
  const started = systemClock.now();
  const meeting = createMeeting({
    seed: "demo",
    clock: { now: () => systemClock.now() - started },
    app: { name: "Yiqi Demo Board", url: "https://demo.yiqi.invalid/" },
    participants: Array.from({ length: count }, (_, i) => ({
      nickname: NAMES[i] ?? `Guest ${i}`,
      role: i === 0 ? RoleType.HOST : RoleType.ATTENDEE,
    })),
  });
  const steps: Step[] = [];
  const apps: HeadlessApp[] = [];
  const check = (title: string, ok: boolean, detail?: string): void => {
    const step = detail === undefined ? { title, ok } : { title, ok, detail };
    steps.push(step);
    log(step);
  };
  const open = (pid: string): HeadlessApp => {
    const app = openHeadlessApp(meeting, pid);
    apps.push(app);
    return app;
  };
  try {
    const [host, ...others] = meeting.participants();
    if (!host) throw new Error("no participants");
    meeting.ui.openApp(host.id);
    const hostApp = open(host.id);
    const ctx = await hostApp.wemeet.app.getRunningContext();
    check(`${host.nickname} opens the app (scene ${ctx.scene})`, ctx.scene === "inMeeting");

    let callbackStatus: number | undefined;
    const resp = await hostApp.wemeet.collaboration.start({
      callback: (r) => (callbackStatus = r.status),
    });
    const session = meeting.session();
    check(
      `${host.nickname} clicks 一起用: session ${session?.activeId ?? "?"} started`,
      resp.status === AppHandleRespType.SUCCESS &&
        callbackStatus === AppHandleRespType.SUCCESS &&
        session !== null,
    );
    check(
      `everyone else is invited and sees the share`,
      others.every(
        (p) => meeting.view(p.id).invitation !== null && meeting.view(p.id).screenShare !== null,
      ),
    );

    const joined = new Map<string, HeadlessApp>();
    for (const p of others) {
      meeting.ui.join(p.id);
      const app = open(p.id);
      joined.set(p.id, app);
      const scene = (await app.wemeet.app.getRunningContext()).scene;
      check(
        `${p.nickname} clicks 加入 and runs inCollaboration`,
        scene === "inCollaboration",
        scene,
      );
    }

    const leaver = others[0];
    if (leaver) {
      await joined.get(leaver.id)?.wemeet.collaboration.leave();
      const view = meeting.view(leaver.id);
      check(
        `${leaver.nickname} leaves: instance closed, 重新加入 bar shown`,
        view.app === null && view.rejoinBar !== null,
      );
      meeting.ui.join(leaver.id);
      const again = open(leaver.id);
      joined.set(leaver.id, again);
      const context = await again.wemeet.collaboration.getContext();
      check(
        `${leaver.nickname} joins again (activeID ${context.activeID})`,
        context.activeID === session?.activeId,
      );
      try {
        await again.wemeet.collaboration.start();
        check(`${leaver.nickname} (attendee) tries to start: refused`, false, "start succeeded");
      } catch (e) {
        check(
          `${leaver.nickname} (attendee) tries to start: ${e instanceof WemeetError ? e.code : String(e)}`,
          e instanceof WemeetError && e.code === "NOT_PERMITTED",
        );
      }
    }

    await hostApp.wemeet.collaboration.end();
    const closed = await Promise.all([...joined.values()].map((a) => a.closed));
    check(
      `${host.nickname} clicks 结束: ${closed.length} joined instance(s) closed`,
      meeting.session() === null &&
        closed.length === others.length &&
        meeting.views().every((v) => v.rejoinBar === null && v.invitation === null),
    );
  } catch (error) {
    check(
      "the scenario ran to the end",
      false,
      error instanceof Error ? error.message : String(error),
    );
  } finally {
    for (const a of apps) a.close();
  }
  return { steps, meeting };
}

/** The flags of `yiqi demo` (its usage lists each). */
export const DEMO_OPTIONS: OptionTable = {
  participants: { type: "string" },
  trace: { type: "string" },
  quiet: { type: "boolean" },
};

/** The one line for a `--trace` file that cannot be written; exit 2. */
function traceUnwritable(io: CommandIO, file: string, error: unknown): number {
  io.err(
    `yiqi demo: cannot write the trace to ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): pass --trace with a file you can write`,
  );
  return 2;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseCommandArgs("demo", argv, DEMO_OPTIONS);
  if ("error" in parsed) return usageError(io, "demo", parsed.error);
  const values = parsed.values as { participants?: string; trace?: string; quiet?: boolean };
  const count = values.participants === undefined ? 3 : Number(values.participants);
  if (!Number.isInteger(count) || count < 2 || count > 64) {
    io.err(
      `yiqi demo: --participants must be a whole number from 2 to 64 (got ${values.participants})`,
    );
    return 2;
  }
  // The trace file is checked before the run, so an unwritable one costs no run: opened for
  // appending (created, never truncated), closed at once, written after the run.
  if (values.trace) {
    try {
      closeSync(openSync(values.trace, "a"));
    } catch (error) {
      return traceUnwritable(io, values.trace, error);
    }
  }
  io.out(
    `Yiqi demo: 一起用 with ${count} simulated participants (jsapi -> bridge -> meeting simulator)\n`,
  );
  const { steps, meeting } = await runDemo(count, (s) =>
    io.out(`  ${s.ok ? "✔" : "✘"} ${s.title}${s.detail && !s.ok ? ` (${s.detail})` : ""}`),
  );
  if (!values.quiet) {
    io.out("\nTimeline:");
    for (const e of meeting.trace.entries()) io.out(describeEntry(e, meeting));
  }
  if (values.trace) {
    try {
      writeFileSync(values.trace, `${JSON.stringify(meeting.trace.toJSON(), null, 2)}\n`);
    } catch (error) {
      return traceUnwritable(io, values.trace, error);
    }
    io.out(`\nTrace written to ${values.trace}`);
  }
  const failed = steps.filter((s) => !s.ok).length;
  io.out("");
  io.out(`${steps.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** The `demo` command. */
export const demo: Command = {
  name: "demo",
  summary: "run the 一起用 flow headless with simulated participants and print the timeline",
  usage,
  run,
};
