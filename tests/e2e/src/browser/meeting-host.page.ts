/**
 * `meeting-host.html`: the meeting simulator in a page, serving each participant's app frame
 * through `@yiqi/mock-host`'s `attachApp`, the way the harness does. It reconciles frames with
 * the simulator's views: a new `app.key` opens a new frame, a `null` app removes it. Installs
 * `window.meetingHost`. Query: `app` = the app URL (cross-site), `participants` = count (>= 2;
 * p1 is the host, the rest attendees).
 *
 * @module
 */
import { windowHostTransport } from "@yiqi/bridge";
import { RoleType } from "@yiqi/jsapi";
import { type AttachedApp, attachApp, createMeeting, type ParticipantInit } from "@yiqi/mock-host";
import type { MeetingHostPageApi } from "../pageApi.ts";
import { addFrame } from "./harness.ts";

const params = new URLSearchParams(location.search);
const appUrl = params.get("app") ?? "about:blank";
const count = Number(params.get("participants") ?? 3);
const names = ["Host", "Alice", "Bob", "Carol", "Dave"];
const meeting = createMeeting({
  seed: "e2e",
  clock: { now: () => Date.now() },
  app: { name: "Probe", url: appUrl },
  participants: Array.from(
    { length: count },
    (_, i): ParticipantInit => ({
      nickname: names[i] ?? `P${i}`,
      role: i === 0 ? RoleType.HOST : RoleType.ATTENDEE,
    }),
  ),
});

interface Slot {
  key: string;
  iframe: HTMLIFrameElement;
  attached: AttachedApp;
}
const slots = new Map<string, Slot>();
let frameSeq = 0;
const refused: string[] = [];

function reconcile(): void {
  for (const view of meeting.views()) {
    const slot = slots.get(view.participantId);
    if (slot && (!view.app || view.app.key !== slot.key)) {
      // The frame goes once the call that closed it (leave, end) has answered.
      void slot.attached.detach("the client closed the frame").then(() => slot.iframe.remove());
      slots.delete(view.participantId);
    }
    if (view.app && !slots.has(view.participantId)) {
      const iframe = addFrame(view.app.url, { id: `${view.participantId}-${++frameSeq}` });
      iframe.dataset.participant = view.participantId;
      const attached = attachApp({
        meeting,
        participantId: view.participantId,
        transport: windowHostTransport(iframe),
        onError: (e) => refused.push(e.code),
      });
      slots.set(view.participantId, { key: view.app.key, iframe, attached });
    }
  }
}
meeting.subscribe(reconcile);

const api: MeetingHostPageApi = {
  participants: () =>
    meeting.participants().map((p) => ({ id: p.id, msOpenId: p.msOpenId, nickname: p.nickname })),
  addParticipant: (nickname, role, clientVersion) =>
    meeting.addParticipant({ nickname, role, clientVersion }).id,
  openApp: (pid) => meeting.ui.openApp(pid).ok,
  join: (pid) => meeting.ui.join(pid).ok,
  view: (pid) => JSON.parse(JSON.stringify(meeting.view(pid))),
  session: () => meeting.session(),
  frameId: (pid) => slots.get(pid)?.iframe.id ?? null,
  openInstances: () =>
    meeting
      .instances()
      .filter((i) => !i.closed)
      .map((i) => i.participantId),
  refused: () => [...refused],
  traceNames: () => meeting.trace.entries().map((e) => `${e.kind}:${e.name}`),
};
(globalThis as unknown as { meetingHost: MeetingHostPageApi }).meetingHost = api;
