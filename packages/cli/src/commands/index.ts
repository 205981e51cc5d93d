import type { Command } from "../command.ts";
import { certifyCommand } from "./certify.ts";
import { demo } from "./demo.ts";
import { harness } from "./harness.ts";
import { meetingCommand } from "./meeting.ts";
import { roomsCommand } from "./rooms.ts";
import { roomsCheckCommand } from "./roomsCheck.ts";

/** Every `yiqi` sub-command, in the order `yiqi --help` lists them. Add new commands here. */
export const commands: readonly Command[] = [
  harness,
  demo,
  certifyCommand,
  roomsCommand,
  roomsCheckCommand,
  meetingCommand,
];
