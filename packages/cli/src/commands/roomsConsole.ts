/**
 * The line commands that change the emulated Rooms device while `yiqi rooms` runs.
 *
 * @module
 */
import type { RoomsDevice } from "@yiqi/mock-host";
import { isVersionString } from "@yiqi/rooms-rpc";
import { describeMembers, ROOMS_WORLD_HELP, runWorldLine } from "./roomsWorldConsole.ts";

export { escapeTerminal } from "../terminal.ts";

/** Help for the console commands. */
export const ROOMS_CONSOLE_HELP: string = [
  "Change the device while it runs (type a line, Enter):",
  "  state                     show the device state",
  "  meeting on [code] [host]|off  enter (as attendee, or host) or leave a meeting",
  "  login on|off              log the Rooms in or out (off: every request answers 3)",
  "  api on|off                enable or disable the control API (off: answers 2)",
  "  version X.Y.Z             set the Rooms version (newer actions answer 9)",
  "  password P                set the password (for new connections)",
  "  share NAME|off            another participant starts/stops sharing",
  "  cast 0|1|2                quick-cast state (2: a laptop casts)",
  "  castcode CODE             set the cast code",
  "  guide open|close          open or close the share guide",
  "  devices ID,ID…            set the capture devices",
  ...ROOMS_WORLD_HELP,
  "  help                      this help",
  "  quit                      stop the device",
].join("\n");

/** What one console line did: lines to print, and whether to stop. */
export interface ConsoleOutcome {
  lines: string[];
  quit?: boolean;
}

const onOff = (v: string | undefined): boolean | undefined =>
  v === "on" ? true : v === "off" ? false : undefined;

/** The share in progress, as the `state` line and the `share` command print it. */
export function describeShare(device: RoomsDevice): string {
  const share = device.state.share;
  if (!share) return "none";
  return `${share.sharer}${share.userId ? ` ${share.userId}` : ""} type ${share.shareType} voice ${share.shareVoice} fluency ${share.fluencyFirst} window ${share.selectIndex}${share.deviceId ? ` device ${share.deviceId}` : ""}`;
}

// Why `share` left the share as it is: the console changes another participant's share only.
const SHARE_UNCHANGED: Record<string, string> = {
  quickcast:
    'a laptop is quick-casting, not a participant sharing: stop it with "cast 1" (or "cast 0")',
  rooms: "the Rooms itself is sharing (StartShare): a driver stops it with StopShare",
};

/** Runs `share NAME|off` and reports the share the device has afterwards. */
function runShare(device: RoomsDevice, args: string[]): ConsoleOutcome {
  const off = args[0] === "off";
  const meeting = device.state.meeting;
  if (!off && !meeting) return { lines: ['not in a meeting: run "meeting on" first'] };
  if (!off && meeting?.status !== 1)
    return {
      lines: [`share: unchanged, the meeting is not in progress (status ${meeting?.status})`],
    };
  device.setRemoteShare(off ? undefined : args.join(" "));
  const sharer = device.state.share?.sharer;
  const kept = off && sharer !== undefined && sharer !== "remote";
  return {
    lines: [
      `share: ${describeShare(device)}`,
      ...(kept && sharer ? [`  (${SHARE_UNCHANGED[sharer] ?? "unchanged"})`] : []),
    ],
  };
}

/** A compact, human-readable state summary. */
export function describeRoomsState(device: RoomsDevice): string[] {
  const s = device.state;
  return [
    `logged in: ${s.loggedIn}   control API: ${s.apiEnabled ? "enabled" : "disabled"}   version: ${s.version}   password: ${s.password}`,
    `meeting: ${s.meeting ? `${s.meeting.code} "${s.meeting.title}" status ${s.meeting.status} (${["", "in meeting", "joining", "waiting room", "casting"][s.meeting.status]}), recording ${s.meeting.recording ? "on" : "off"}${s.meeting.recordRequestPending ? ", a record request waits" : ""}` : "none"}`,
    `share: ${describeShare(device)}`,
    `devices: mic ${s.devices.mic.switch ? "on" : "off"} (${s.devices.mic.volume}), speaker ${s.devices.speaker.volume}, camera ${s.devices.camera.switch ? "on" : "off"} frame mode ${s.devices.camera.frameMode}`,
    `invitation: ${s.invite.incoming ? `${s.invite.incoming.code} from ${s.invite.incoming.inviter}` : "none"}   phone: ${["idle", "dialling", "connected"][s.invite.dialState]}${s.invite.phoneNumber ? ` ${s.invite.phoneNumber}` : ""}`,
    ...(s.meeting ? ["members:", ...describeMembers(device)] : []),
    `quick cast: ${s.quickCastingState}   share guide: ${s.shareGuideOpen ? "open" : "closed"}   cast code: ${s.castCode}`,
    `windows: ${s.windows.map((w, i) => `${i}:${w}`).join(", ")}`,
    `capture devices: ${s.captureDevices.join(", ") || "none"}   connections: ${device.connectionCount}`,
  ];
}

/**
 * Applies one console line to the device.
 *
 * @example
 * ```ts
 * runConsoleLine(device, "meeting on 123456789"); // { lines: ["meeting: 123456789"] }
 * ```
 */
export function runConsoleLine(device: RoomsDevice, line: string): ConsoleOutcome {
  const [cmd, ...args] = line.trim().split(/\s+/);
  const arg = args[0];
  const bad = (usage: string): ConsoleOutcome => ({ lines: [`usage: ${usage}  (type "help")`] });
  switch (cmd) {
    case undefined:
    case "":
      return { lines: [] };
    case "help":
    case "?":
      return { lines: [ROOMS_CONSOLE_HELP] };
    case "state":
      return { lines: describeRoomsState(device) };
    case "quit":
    case "exit":
      return { lines: ["stopping"], quit: true };
    case "meeting": {
      if (arg === "off") {
        device.leaveMeeting();
        return { lines: ["meeting: none"] };
      }
      if (arg !== "on") return bad("meeting on [code] | meeting off");
      const host = args[args.length - 1] === "host";
      const code = args[1] === "host" ? undefined : args[1];
      if (code !== undefined && !/^\d{6,12}$/.test(code))
        return bad("meeting on [6-12 digit code] [host]");
      device.enterMeeting(code, host);
      return { lines: [`meeting: ${device.state.meeting?.code}${host ? " (host)" : ""}`] };
    }
    case "login":
    case "api": {
      const v = onOff(arg);
      if (v === undefined) return bad(`${cmd} on|off`);
      if (cmd === "login") device.setLoggedIn(v);
      else device.setApiEnabled(v);
      return { lines: [`${cmd}: ${arg}`] };
    }
    case "version":
      if (arg === undefined || !isVersionString(arg)) return bad("version X.Y.Z (e.g. 3.13.190)");
      device.setVersion(arg);
      return { lines: [`version: ${arg}`] };
    case "password":
      if (!arg) return bad("password P");
      device.setPassword(arg);
      return { lines: ["password set (applies to new connections)"] };
    case "share":
      if (!arg) return bad("share NAME | share off");
      return runShare(device, args);
    case "cast":
      if (arg !== "0" && arg !== "1" && arg !== "2") return bad("cast 0|1|2");
      device.setQuickCast(Number(arg) as 0 | 1 | 2);
      return { lines: [`quick cast: ${arg}`] };
    case "castcode":
      if (!arg) return bad("castcode CODE");
      device.setCastCode(arg);
      return { lines: [`cast code: ${arg}`] };
    case "guide":
      if (arg !== "open" && arg !== "close") return bad("guide open|close");
      device.update((s) => {
        s.shareGuideOpen = arg === "open";
      }, `guide ${arg}`);
      return { lines: [`share guide: ${arg}`] };
    case "devices":
      device.setCaptureDevices(arg ? arg.split(",").filter(Boolean) : []);
      return { lines: [`capture devices: ${arg ?? "none"}`] };
    default: {
      const world = runWorldLine(device, cmd, args);
      return { lines: world ?? [`unknown command "${cmd}"; type "help"`] };
    }
  }
}
