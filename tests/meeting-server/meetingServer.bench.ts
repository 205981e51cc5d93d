/**
 * The meeting server (decision 0031), in one run, bounded in count and time, loopback only:
 *   call    = `app.getRunningContext()` from a headless app in-process vs through the server
 *   fan-out = 1,000 headless participants in one meeting through the server; events/s and the
 *             latency from the simulator's emit to each app's listener (p50/p99), none lost.
 * Prints, never asserts timing; exits 1 if an event was lost.
 */
import { RoleType } from "@yiqi/jsapi";
import { createMeeting, openHeadlessApp } from "@yiqi/mock-host";
import { joinMeetingServer, startMeetingServer } from "@yiqi/mock-host/node";

const CALLS = 5_000;
const WINDOW = 32;
const PARTICIPANTS = 1_000;
const ROUNDS = 20;
const DEADLINE = Date.now() + 90_000;

/** Calls per second of `calls` calls with at most WINDOW in flight. */
async function measure(call: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < CALLS && Date.now() < DEADLINE) {
      next++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
  return (next / (performance.now() - started)) * 1000;
}

const host = [{ nickname: "Host", role: RoleType.HOST }];

// Calls: in-process.
const local = createMeeting({ participants: host });
const app = openHeadlessApp(local, "p1");
await app.wemeet.app.getRunningContext();
const inProcess = await measure(() => app.wemeet.app.getRunningContext());
app.close();

// Calls: through the server.
const server = await startMeetingServer({ port: 0 });
const one = await joinMeetingServer(server.url, { participants: ["p1"] });
const p1 = one.participants[0];
if (!p1) throw new Error("no participant");
await p1.wemeet.app.getRunningContext();
const remote = await measure(() => p1.wemeet.app.getRunningContext());
console.log(`call app.getRunningContext, ${WINDOW} in flight:`);
console.log(`  in-process          ${inProcess.toFixed(0)} calls/s`);
console.log(
  `  via meeting server  ${remote.toFixed(0)} calls/s  (ratio ${(inProcess / remote).toFixed(2)}x)`,
);

// Fan-out: 1,000 participants in one view; the simulator emits, every app's listener receives.
const crowd = await joinMeetingServer(server.url, { participants: PARTICIPANTS });
const latencies: number[] = [];
let sentAt = 0;
let received = 0;
for (const p of crowd.participants)
  p.wemeet.addEventListener("user-audio-status", () => {
    received++;
    latencies.push(performance.now() - sentAt);
  });
let rounds = 0;
const started = performance.now();
for (; rounds < ROUNDS && Date.now() < DEADLINE; rounds++) {
  const want = received + PARTICIPANTS;
  sentAt = performance.now();
  server.meeting.setAudio("p1", rounds % 2 === 0);
  const giveUp = Date.now() + 10_000;
  while (received < want && Date.now() < giveUp) await new Promise((r) => setTimeout(r, 1));
}
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (q: number): string =>
  (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN).toFixed(1);
const expected = rounds * PARTICIPANTS;
console.log(
  `fan-out to ${PARTICIPANTS} headless participants via the meeting server, ${rounds} events:`,
);
console.log(
  `  ${(received / elapsed).toFixed(0)} events/s delivered; latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`,
);
console.log(
  `  delivered ${received} of ${expected}${received === expected ? " (none lost)" : " (LOST EVENTS)"}`,
);
await crowd.close();
await one.close();
await server.close();
process.exit(received === expected ? 0 : 1);
