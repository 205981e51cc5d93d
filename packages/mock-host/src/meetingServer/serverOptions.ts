/**
 * The options and handle of a real meeting server, shared by the Node and Deno adapters.
 *
 * @module
 */

import { RoleType } from "@yiqi/jsapi";
import { createMeeting, type Meeting } from "../meeting/meeting.ts";
import type { MeetingServerCore } from "./coreTypes.ts";
import { createMeetingServerCore } from "./meetingServer.ts";
import { MEETING_SERVER_PATH, type MeetingServerLimits } from "./protocol.ts";

/** Options of `startMeetingServer`. */
export interface MeetingServerOptions {
  /** Port (default 7300; 0 = any free port). */
  port?: number;
  /** Address to listen on (default 127.0.0.1: this machine only). */
  host?: string;
  /** The per-meeting token (default: 128 random bits). */
  token?: string;
  /** The simulator (default: a new meeting with one host, `p1`). */
  meeting?: Meeting;
  /** Browser page origins allowed to connect (default: none). */
  allowedOrigins?: readonly string[];
  /** Overrides of the default limits (frame bytes, views, …); each a whole number >= 1. */
  limits?: Partial<MeetingServerLimits>;
}

/** A running meeting server. */
export interface MeetingServer {
  /** The join link: `ws://host:port/meeting?token=…`. Whoever has it can act in the meeting. */
  readonly url: string;
  /** The port it listens on (the chosen one when the options said 0). */
  readonly port: number;
  /** The address it listens on. */
  readonly host: string;
  /** The per-meeting token views must present. */
  readonly token: string;
  /** The simulator it serves now (a view's `reset` replaces it). */
  readonly meeting: Meeting;
  /** The transport-independent core the adapter drives. */
  readonly core: MeetingServerCore;
  /** Closes every view (their instances close) and stops listening. */
  close(): Promise<void>;
}

/** The meeting a server starts with when given none: one host, `p1`. */
export const defaultServerMeeting = (): Meeting =>
  createMeeting({ participants: [{ nickname: "Host", role: RoleType.HOST }] });

/** The join link of a server bound to `host` and `port`. */
export const joinLink = (host: string, port: number, token: string): string =>
  `ws://${host.includes(":") ? `[${host}]` : host}:${port}${MEETING_SERVER_PATH}?token=${encodeURIComponent(token)}`;

/** The core an adapter drives, built from its options (one host, `p1`, when no meeting is given). */
export const serverCore = (options: MeetingServerOptions): MeetingServerCore =>
  createMeetingServerCore({
    meeting: options.meeting ?? defaultServerMeeting(),
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });

/** The handle of a server whose `core` listens on `host` and `port`. */
export const serverHandle = (
  core: MeetingServerCore,
  host: string,
  port: number,
  close: () => Promise<void>,
): MeetingServer => ({
  url: joinLink(host, port, core.token),
  port,
  host,
  token: core.token,
  get meeting() {
    return core.meeting;
  },
  core,
  close,
});

/** The answer to a plain HTTP request. */
export const MEETING_UPGRADE_TEXT =
  "This is a Yiqi meeting server: views connect over WebSocket to the join link it printed.\n";
