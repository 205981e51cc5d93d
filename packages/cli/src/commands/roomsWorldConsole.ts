/**
 * Console commands for the world around the emulated Rooms device: members, the waiting room,
 * the Rooms's role, the invitation, recording and the Rooms's own devices.
 *
 * @module
 */
import type { RoomsDevice } from "@yiqi/mock-host";

/** Help lines for the world commands. */
export const ROOMS_WORLD_HELP: readonly string[] = [
  "The world around the device:",
  "  members                   list the meeting's participants",
  "  join NAME [waiting]       a participant joins (or waits in the waiting room)",
  "  leave NAME                a participant leaves",
  "  mute NAME on|off          a participant's microphone (on = muted)",
  "  video NAME on|off         a participant's camera",
  "  admit [NAME]              the host admits NAME, or the Rooms itself, from the waiting room",
  "  role host|cohost|attendee the Rooms's role in its meeting",
  "  invite CODE [INVITER]|off an incoming invitation to a meeting shows on the Rooms",
  "  record on|off             someone starts or stops recording",
  "  request grant|deny        the host answers the Rooms's RequestRecord",
  "  mic on|off | camera on|off | volume 0-100 | frame 1-5   the Rooms's devices",
  "  busy                      stage a busy world (meeting, remote sharer, recording, invitation)",
];

const ROLES = { host: 1, cohost: 2, attendee: 3 } as const;

/** Describes the meeting's members, the Rooms first. */
export function describeMembers(device: RoomsDevice): string[] {
  const m = device.state.meeting;
  if (!m) return ["members: not in a meeting"];
  const role = (r: number) =>
    r === 1 ? "host" : r === 2 ? "co-host" : r === 3 ? "attendee" : `role ${r}`;
  return [
    `  ${device.state.roomsName} (this Rooms, ${role(m.roomsRole)})`,
    ...m.members.map(
      (x) =>
        `  ${x.nickname} (${role(x.role)}${x.user_type === 2 ? ", phone" : ""}) mic ${x.audio_on ? "on" : "muted"}, video ${x.video_on ? "on" : "off"}${x.waiting ? ", in the waiting room" : ""}   ${x.user_id}`,
    ),
  ];
}

/**
 * Runs a world command; `undefined` when `cmd` is not one.
 *
 * @example
 * ```ts
 * runWorldLine(device, "join", ["Erin", "Xu"]); // ["Erin Xu joins"]
 * ```
 */
export function runWorldLine(
  device: RoomsDevice,
  cmd: string,
  args: string[],
): string[] | undefined {
  const w = device.world;
  const last = args[args.length - 1];
  const name = args.slice(0, -1).join(" ");
  const needMeeting = (): string[] | undefined =>
    device.state.meeting ? undefined : ['not in a meeting: run "meeting on" first'];
  const usage = (u: string): string[] => [`usage: ${u}  (type "help")`];
  switch (cmd) {
    case "members":
      return describeMembers(device);
    case "join": {
      if (args.length === 0) return usage("join NAME [waiting]");
      const waiting = last === "waiting" && args.length > 1;
      const who = waiting ? name : args.join(" ");
      w.addMember(who, { waiting });
      return needMeeting() ?? [`${who} ${waiting ? "waits in the waiting room" : "joins"}`];
    }
    case "leave":
      if (args.length === 0) return usage("leave NAME");
      w.removeMember(args.join(" "));
      return [`${args.join(" ")} leaves`];
    case "mute":
    case "video": {
      if ((last !== "on" && last !== "off") || !name) return usage(`${cmd} NAME on|off`);
      const on = last === "on";
      w.setMember(name, cmd === "mute" ? { audio_on: !on } : { video_on: on });
      return [`${name}: ${cmd === "mute" ? (on ? "muted" : "unmuted") : `video ${last}`}`];
    }
    case "admit":
      w.admit(args.length ? args.join(" ") : undefined);
      return [`admitted ${args.length ? args.join(" ") : "the Rooms"}`];
    case "role": {
      // Own keys only: "role constructor" must not find Object.prototype's (it made the device's
      // state uncloneable, so every later read threw and `yiqi rooms` exited).
      const role = Object.hasOwn(ROLES, args[0] ?? "")
        ? ROLES[args[0] as keyof typeof ROLES]
        : undefined;
      if (!role) return usage("role host|cohost|attendee");
      w.setRoomsRole(role);
      return needMeeting() ?? [`the Rooms is ${args[0]}`];
    }
    case "invite":
      if (args[0] === "off") {
        w.setInvitation(undefined);
        return ["invitation withdrawn"];
      }
      if (!args[0] || !/^\d{6,12}$/.test(args[0]))
        return usage("invite CODE [INVITER] | invite off");
      w.setInvitation({ code: args[0], ...(args[1] ? { inviter: args.slice(1).join(" ") } : {}) });
      return [`invitation to ${args[0]} shows on the Rooms`];
    case "record":
      if (args[0] !== "on" && args[0] !== "off") return usage("record on|off");
      w.setRecording(args[0] === "on");
      return needMeeting() ?? [`recording ${args[0]}`];
    case "request":
      if (args[0] !== "grant" && args[0] !== "deny") return usage("request grant|deny");
      return [
        w.answerRecordRequest(args[0] === "grant")
          ? `request ${args[0]}ed`
          : "no recording request waits",
      ];
    case "mic":
    case "camera":
      if (args[0] !== "on" && args[0] !== "off") return usage(`${cmd} on|off`);
      w.setDevices((d) => {
        d[cmd].switch = args[0] === "on";
      }, `${cmd} ${args[0]}`);
      return [`${cmd}: ${args[0]}`];
    case "volume": {
      const v = Number(args[0]);
      if (!/^\d+$/.test(args[0] ?? "") || v > 100) return usage("volume 0-100");
      w.setDevices((d) => {
        d.speaker.volume = v;
      }, `volume ${v}`);
      return [`speaker volume: ${v}`];
    }
    case "frame": {
      const mode = Number(args[0]);
      if (![1, 2, 3, 4, 5].includes(mode))
        return usage("frame 1-5 (1 manual … 5 presenter tracking)");
      w.setDevices((d) => {
        d.camera.frameMode = mode;
      }, `frame mode ${mode}`);
      return [`camera frame mode: ${mode}`];
    }
    case "busy":
      w.stageBusy();
      return ["busy world staged: in a meeting, Bob Li shares, recording, an invitation waits"];
    default:
      return undefined;
  }
}
