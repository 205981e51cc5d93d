/**
 * The meeting of a harness server (decision 0038): `yiqi harness` runs ONE meeting server core in
 * its own process (no second port), served at `/__yiqi/meeting` to its pages and to headless
 * views; with a join link (`--meeting`) the pages are relayed to that meeting server instead. The
 * harness page, view pages (`/p/<participant>`) and workers are all views of that one meeting.
 *
 * @module
 */
import type { IncomingMessage } from "node:http";
import { RoleType } from "@yiqi/jsapi";
import {
  createMeeting,
  createMeetingServerCore,
  createMeetingToken,
  type MeetingServerCore,
} from "@yiqi/mock-host";
import { isThisMachine } from "./harnessApi.ts";
import type { LanOrigins } from "./lanOrigins.ts";
import { coreLink, relayLink } from "./meetingLinks.ts";
import { harnessOrigins } from "./origin.ts";
import type { ParticipantClients } from "./participantClients.ts";
import { hostnameOf } from "./routing.ts";
import {
  createMeetingViews,
  MEETING_VIEW_SOCKET,
  type MeetingViews,
  tokenOfJoinLink,
} from "./viewRoutes.ts";
import { viewTokens } from "./viewTokens.ts";

/** What `GET /__yiqi/config` tells a page on this machine about the meeting (decision 0038). */
export interface ServerMeetingConfig {
  /** The page's socket to the meeting, with the token: `ws://<host>/__yiqi/meeting?token=…`. */
  link: string;
  /**
   * The view page link of any participant, where `{participant}` stands for its id (`p2`) and
   * `{token}` for that participant's token in `viewTokens`: what another browser or a phone opens
   * to join as that participant (it admits that participant only, decision 0037).
   */
  viewLink: string;
  /** Each participant's view token (`p1` … `p999`), for `{token}` in `viewLink`. */
  viewTokens: Readonly<Record<string, string>>;
}

/** Options of {@link createServerMeeting}. */
export interface ServerMeetingOptions {
  /** A remote meeting server's join link; absent: the meeting runs in this process. */
  link?: string;
  /** Participants the in-process meeting starts with (p1 the host). */
  participants: number;
  /** The app the in-process meeting starts with, as participant 1 sees it (given the port). */
  app: (port: number) => { url: string; name: string; game: boolean };
  harnessDir: string;
  /** The app every view page hosts. */
  appId: string;
  clients: ParticipantClients;
  log: (line: string) => void;
  /** The LAN participant origins, when the server listens beyond loopback (decision 0039). */
  lan?: () => LanOrigins | undefined;
}

/** The meeting of one harness server. */
export interface ServerMeeting {
  readonly views: MeetingViews;
  /** Starts the in-process meeting once the server listens on `port`. */
  start(port: number): void;
  /** The join link of a meeting-protocol view. */
  joinLink(): string;
  /** The `meeting` field of `/__yiqi/config` for `req`: only a peer on this machine gets it. */
  configFor(req: IncomingMessage): { meeting?: ServerMeetingConfig };
  /** The core in this process (none with `link`). */
  core(): MeetingServerCore | undefined;
}

/** Creates the meeting of a harness server. */
export function createServerMeeting(options: ServerMeetingOptions): ServerMeeting {
  const token = options.link ? tokenOfJoinLink(options.link) : createMeetingToken();
  let core: MeetingServerCore | undefined;
  let port = 0;
  /** Links point at the LAN address when there is one: they are for phones and other machines. */
  const host = (): string => options.lan?.()?.hostname ?? "127.0.0.1";
  const base = (): string => `http://${host()}:${port}`;
  const lanPage = (): string | undefined => {
    const lan = options.lan?.();
    return lan ? `http://${lan.hostname}:${port}` : undefined;
  };
  const views = createMeetingViews({
    token,
    harnessDir: options.harnessDir,
    port: () => port,
    appId: options.appId,
    pageOrigins: () => {
      const lan = lanPage();
      return lan ? [...harnessOrigins(port), lan] : harnessOrigins(port);
    },
    publicBase: base,
    connect: (label) =>
      options.link
        ? relayLink(options.link, label, options.log)
        : coreLink(core as MeetingServerCore),
    appOriginFor: async (n, req) => {
      const lan = options.lan?.();
      if (!lan || hostnameOf(req.headers.host) !== lan.hostname) return undefined;
      return lan.originOf(n, options.appId);
    },
    translatorFor: (origin, n) => {
      const lan = options.lan?.();
      if (!lan || origin === undefined || origin !== lanPage()) return undefined;
      return {
        in: (text) => lan.translate(text, n, options.appId, "in"),
        out: (text) => lan.translate(text, n, options.appId, "out"),
      };
    },
    admit: () => {
      // The core is made before the server accepts anything; only its view quota is asked here.
      const refused = core?.admit({
        url: `/meeting?token=${encodeURIComponent(token)}`,
        origin: null,
      });
      return refused?.status === 503 ? { status: 503, text: refused.text } : undefined;
    },
    clients: options.clients,
  });
  const socketPath = `${MEETING_VIEW_SOCKET}?token=${encodeURIComponent(token)}`;
  /** Derived once, when a page first asks (999 HMACs). */
  let tokens: Readonly<Record<string, string>> | undefined;
  const participantTokens = (): Readonly<Record<string, string>> => {
    tokens ??= viewTokens(token);
    return tokens;
  };
  return {
    views,
    start(listening) {
      port = listening;
      if (options.link) return;
      core = createMeetingServerCore({
        token,
        meeting: createMeeting({
          // Wall-clock trace times, as the page's own simulator has (certify compares them).
          clock: { now: () => Date.now() },
          app: options.app(port),
          participants: Array.from({ length: options.participants }, (_, i) =>
            i === 0
              ? { nickname: "Host", role: RoleType.HOST }
              : { nickname: `Guest ${i + 1}`, role: RoleType.ATTENDEE },
          ),
        }),
      });
    },
    joinLink: () => options.link ?? `ws://${host()}:${port}${socketPath}`,
    configFor(req) {
      // The token is the meeting owner's credential: a peer on another machine (the server
      // listens on the LAN) forges every header, so it never reads it here; it opens a link.
      if (!isThisMachine(req.socket?.remoteAddress)) return {};
      return {
        meeting: {
          link: `ws://${req.headers.host ?? `127.0.0.1:${port}`}${socketPath}`,
          viewLink: views.pageUrlPattern(),
          viewTokens: participantTokens(),
        },
      };
    },
    core: () => core,
  };
}
