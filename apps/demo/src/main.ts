/**
 * Pixel Party: paint a shared board together in a Tencent Meeting 一起玩 session.
 *
 * How it uses the JSAPI, as a good third-party app should:
 * - reads its running context first and adapts (inMeeting: solo board + invite; inCollaboration:
 *   the shared board of the session);
 * - sets the collaboration config (what joiners open, and the 一起玩 button only where it makes
 *   sense);
 * - handles every `collaboration-change` action (start, join, leave, end);
 * - treats every call as fallible (start by an attendee is refused, old clients lack APIs).
 */
import {
  type CollaborationChangeEvent,
  connectWemeet,
  type RunningContext,
  WemeetError,
} from "@yiqi/jsapi";
import { Board, colorFor, SIZE } from "./board.ts";
import { openSync, type SyncChannel, type SyncMessage } from "./sync.ts";

const wemeet = connectWemeet();
const board = new Board();
let me = `local-${Math.random().toString(16).slice(2, 8)}`;
let context: RunningContext = { scene: "unknown" };
let activeId: string | null = null;
/** Who started the session, when this instance saw the start (only they may end it). */
let starter: string | null = null;
let sync: SyncChannel | null = null;
const log: string[] = [];

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function render(): void {
  $("scene").textContent = context.scene;
  $("me").textContent = me.slice(0, 12);
  $("version").textContent = wemeet.app.version();
  $("session").textContent = activeId ?? "none";
  $("channel").textContent = sync?.kind ?? "none";
  $("digest").textContent = board.digest();
  const grid = $("board");
  grid.querySelectorAll<HTMLButtonElement>("button").forEach((cell, i) => {
    cell.style.background = board.cells[i]?.color ?? "";
  });
  const inSession = context.scene === "inCollaboration";
  $("start").hidden = inSession;
  $("leave").hidden = !inSession || starter === me;
  $("end").hidden = !inSession || starter !== me;
  $("log").replaceChildren(
    ...log.slice(-8).map((l) => Object.assign(document.createElement("li"), { textContent: l })),
  );
  document.body.dataset.scene = context.scene;
  document.body.dataset.digest = board.digest();
}

function note(text: string): void {
  log.push(`${new Date().toLocaleTimeString()} ${text}`);
  render();
}

function onSync(message: SyncMessage): void {
  if (message.from === me) return;
  if (message.type === "hello")
    sync?.send({ type: "state", from: me, to: message.from, ops: board.snapshot() });
  else if (message.type === "state" && message.to === me) {
    for (const op of message.ops) board.apply(op);
  } else if (message.type === "paint") board.apply(message.op);
  render();
}

async function enterSession(id: string): Promise<void> {
  if (activeId === id && sync) return;
  sync?.close();
  activeId = id;
  sync = await openSync(id, onSync);
  sync.send({ type: "hello", from: me });
  // The starter's solo board becomes the session's board.
  for (const op of board.snapshot()) sync.send({ type: "paint", from: me, op });
  render();
}

function leaveSession(): void {
  starter = null;
  sync?.close();
  sync = null;
  activeId = null;
  board.reset();
  render();
}

function onCollaborationChange(event: CollaborationChangeEvent): void {
  const who = event.msOpenId === me ? "you" : event.msOpenId.slice(0, 10);
  switch (event.action) {
    case "start":
      starter = event.msOpenId;
      note(`${who} started 一起玩`);
      context = { ...context, scene: "inCollaboration" };
      void enterSession(event.activeId);
      break;
    case "join":
      note(`${who} joined`);
      break;
    case "leave":
      note(`${who} left`);
      if (event.msOpenId === me) leaveSession();
      break;
    case "end":
      note(`${who} ended the session`);
      context = { ...context, scene: "inMeeting" };
      leaveSession();
      break;
  }
}

function explain(error: unknown): string {
  return error instanceof WemeetError ? `${error.code}: ${error.errMsg}` : String(error);
}

async function boot(): Promise<void> {
  const grid = $("board");
  for (let i = 0; i < SIZE * SIZE; i++) {
    const cell = document.createElement("button");
    cell.type = "button";
    cell.setAttribute("aria-label", `cell ${i + 1}`);
    cell.addEventListener("click", () => {
      const op = board.paint(i, colorFor(me), me);
      sync?.send({ type: "paint", from: me, op });
      render();
    });
    grid.append(cell);
  }
  $("start").addEventListener("click", () => {
    wemeet.collaboration
      .start({
        callback: ({ status, message }) =>
          status !== wemeet.AppHandleRespType.SUCCESS && note(`start: ${message}`),
      })
      .catch((e: unknown) => note(`could not start: ${explain(e)}`));
  });
  $("leave").addEventListener("click", () => {
    wemeet.collaboration.leave().catch((e: unknown) => note(`could not leave: ${explain(e)}`));
  });
  $("end").addEventListener("click", () => {
    wemeet.collaboration.end().catch((e: unknown) => note(`could not end: ${explain(e)}`));
  });
  wemeet.addEventListener("collaboration-change", onCollaborationChange);
  render();

  try {
    context = await wemeet.app.getRunningContext();
    me = context.msOpenId ?? me;
  } catch (error) {
    note(`not in a meeting: ${explain(error)}`);
    return;
  }
  try {
    await wemeet.collaboration.setCollaborationConfig({
      url: `${location.origin}${location.pathname}`,
      visible: true,
    });
  } catch (error) {
    note(`no collaboration on this client: ${explain(error)}`);
  }
  if (context.scene === "inCollaboration") {
    try {
      const { activeID } = await wemeet.collaboration.getContext();
      await enterSession(activeID);
      note("joined the session board");
    } catch (error) {
      note(`could not read the session: ${explain(error)}`);
    }
  }
  render();
}

/** The documented state-digest hook (equal digests = equal boards), for convergence checks. */
(globalThis as { yiqiDigest?: () => string }).yiqiDigest = (): string => board.digest();

void boot();
