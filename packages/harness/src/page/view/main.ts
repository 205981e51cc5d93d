/**
 * The view page (`/p/<participant>?token=…`, docs/decisions/0031 "The view page"): one
 * participant of a meeting server's meeting, sized for a phone, with the mobile client's chrome
 * (meeting, who you are, the app's 一起用 state) above the participant's app in a cross-site
 * frame. The server decides who this page is; the app talks `@yiqi/bridge` to the page.
 *
 * @module
 */
import { type CollaborationChangeEvent, RoleType } from "@yiqi/jsapi";
import { frameUrlFor, participantAppUrl } from "../frameUrl.ts";
import { hostFrame } from "./frameHost.ts";
import { connectView, ViewRefusal } from "./viewClient.ts";

interface ViewPageConfig {
  participant: string;
  appId: string;
  port: number;
  /** Where the app runs when this page was opened over the LAN (decision 0039). */
  appOrigin?: string;
}

/** 一起用 as the page sees it: off, started by someone (join in the app), or this app is in. */
type Together = "off" | "available" | "in" | "closed";

const TOGETHER_TEXT: Record<Together, string> = {
  off: "一起用 · off",
  available: "一起用 · in progress, join in the app",
  in: "一起用 · together",
  closed: "app closed",
};

/** Calls whose success means this app is in the session. */
const IN = new Set(["collaborationStart", "collaborationJoin"]);

const ROLE_NAMES = Object.fromEntries(
  Object.entries(RoleType).map(([k, v]) => [v, k.toLowerCase().replace("_", " ")]),
) as Record<number, string>;

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

function refuse(code: string, message: string): void {
  document.body.dataset.state = "refused";
  const box = $("refusal");
  box.hidden = false;
  box.dataset.refused = code;
  box.querySelector("p")!.textContent = message;
  box.querySelector("code")!.textContent = code;
  $("app").hidden = true;
}

const HINTS: Record<string, string> = {
  PARTICIPANT_TAKEN:
    "This participant is already open elsewhere (the harness page, another device or tab). Use it on this device instead, or open another participant's link.",
  UNKNOWN_PARTICIPANT:
    "The meeting has no such participant. Open a link the meeting's host shared.",
  BAD_TOKEN: "The link's token is not this meeting's. Open the whole link the host shared.",
  NOT_READY: "The meeting cannot be reached. Is the meeting server (`yiqi meeting`) still running?",
};

async function main(): Promise<void> {
  const raw = document.getElementById("yiqi-view-config")?.textContent;
  const token = new URLSearchParams(location.search).get("token");
  if (!raw || !token) {
    refuse("BAD_TOKEN", "Open this page from the link the meeting's host shared.");
    return;
  }
  const config = JSON.parse(raw) as ViewPageConfig;
  const socket = new URL("/__yiqi/meeting", location.href);
  socket.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  socket.searchParams.set("token", token);
  socket.searchParams.set("participant", config.participant);
  let together: Together = "off";
  const show = (t: Together): void => {
    together = t;
    $("together").textContent = TOGETHER_TEXT[t];
    document.body.dataset.together = t;
  };
  try {
    // `takeover=1`: the user chose this device over the view holding the participant (0038).
    const takeover = new URLSearchParams(location.search).get("takeover") === "1";
    const client = await connectView(socket.href, config.participant, 10_000, takeover);
    const me = client.participant;
    $("meeting").textContent = client.subject ?? `Meeting ${client.meetingId}`;
    $("meeting").title = `Meeting ${client.meetingId}`;
    $("who").textContent =
      `${me.nickname} · ${me.role === undefined ? me.id : (ROLE_NAMES[me.role] ?? me.id)}`;
    document.title = `${me.nickname} · Yiqi`;
    client.onLost((why) => {
      if (document.body.dataset.state !== "refused")
        refuse("NOT_READY", `The meeting ended or went away: ${why}`);
    });
    const n = Number(config.participant.slice(1));
    const iframe = $("app") as HTMLIFrameElement;
    iframe.title = `${me.nickname}'s app`;
    iframe.dataset.participant = me.id;
    const appUrl = participantAppUrl(n, config.appId, config.port, "/");
    const app = { url: appUrl, appId: config.appId, port: config.port };
    const reopenButton = $("reopen") as HTMLButtonElement;
    const hosted = await hostFrame(client, iframe, {
      appUrl,
      frameUrl: (url) => {
        // Over the LAN the server shows this participant's origin as its LAN port (0039).
        const lan = config.appOrigin;
        if (lan && url.startsWith(`${lan}/`)) return { ok: true, url };
        const target = frameUrlFor(url, n, app);
        if (!lan || !target.ok) return target;
        const u = new URL(target.url);
        return { ok: true, url: `${lan}${u.pathname}${u.search}${u.hash}` };
      },
      on: {
        event(message) {
          if (message.name !== "collaboration-change") return;
          const { action } = message.payload as CollaborationChangeEvent;
          if (action === "end") show("off");
          else if (action === "start" && together === "off") show("available");
        },
        called(method, ok) {
          if (!ok) return;
          if (IN.has(method)) show("in");
          // A session exists (this app may not be in it).
          if (method === "collaborationGetContext" && together === "off") show("available");
          if (method === "collaborationLeave") show("available");
          if (method === "collaborationEnd") show("off");
        },
        closed(reason, reopening) {
          // Reopening: the participant joined from the client; the app opens in the session.
          show(reopening ? "in" : "closed");
          // Otherwise the client closed the app (leave, end): it offers to open it again.
          iframe.hidden = !reopening;
          reopenButton.hidden = reopening;
          reopenButton.title = reason;
        },
      },
    });
    const opened = hosted.first;
    reopenButton.addEventListener("click", () => {
      reopenButton.hidden = true;
      iframe.hidden = false;
      show("off");
      void hosted.reopen(appUrl);
    });
    $("client").textContent = `${opened.environment.platform} ${opened.environment.clientVersion}`;
    document.body.dataset.state = "ready";
    show(together);
  } catch (e) {
    if (!(e instanceof ViewRefusal)) {
      refuse("NOT_READY", String(e));
      return;
    }
    refuse(e.code, `${HINTS[e.code] ?? ""} (${e.message})`.trim());
    if (e.code === "PARTICIPANT_TAKEN") {
      // Not an error the user made: the participant is simply open elsewhere, and may move here
      // (the view holding it is told and closes it).
      $("refusal").querySelector("h1")!.textContent = "Open on another device";
      const here = $("takeover");
      here.hidden = false;
      here.addEventListener("click", () => {
        const url = new URL(location.href);
        url.searchParams.set("takeover", "1");
        location.replace(url.href);
      });
    }
  }
}

void main();
