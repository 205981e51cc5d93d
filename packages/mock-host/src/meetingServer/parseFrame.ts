/**
 * Parsing of the frames a view sends (decision 0031, protocol 2 in 0032): the shape of every
 * field is checked here; what a frame may do is the session's business.
 *
 * @module
 */
import { MeetingServerError, type ViewFrame } from "./protocol.ts";
import type { ResetOptions } from "./snapshot.ts";

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A short printable id (participant and instance ids are short words). */
export const isId = (v: unknown): v is string =>
  typeof v === "string" && v.length > 0 && v.length <= 64 && /^[\w.:-]+$/.test(v);

const bad = (message: string): MeetingServerError =>
  new MeetingServerError(
    "BAD_FRAME",
    `${message}; see docs/decisions/0031-meeting-server.md`,
    true,
  );

/**
 * Parses and validates one view frame: a JSON object with a known `t` and well-formed fields.
 * Anything else is a `BAD_FRAME` (fatal: the view speaks another language).
 *
 * @throws {MeetingServerError}
 */
export function parseViewFrame(text: string): ViewFrame {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw bad("a frame must be JSON text");
  }
  if (!isRecord(data) || typeof data.t !== "string") throw bad("a frame is an object with t");
  if (data.t === "hello") {
    if (typeof data.protocol !== "number") throw bad("hello needs protocol (a number)");
    return { t: "hello", protocol: data.protocol };
  }
  const id = data.id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0)
    throw bad(`${data.t} needs id, a whole number >= 0`);
  switch (data.t) {
    case "claim": {
      if (Array.isArray(data.participants)) {
        if (!data.participants.every(isId)) throw bad("claim: participants must be ids");
        if (data.takeover !== undefined && typeof data.takeover !== "boolean")
          throw bad("claim: takeover must be a boolean");
        return {
          t: "claim",
          id,
          participants: data.participants as string[],
          ...(data.takeover === true ? { takeover: true } : {}),
        };
      }
      const n = data.count;
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1)
        throw bad("claim needs participants (ids) or count (a whole number >= 1)");
      const nick = data.nicknames;
      if (
        nick !== undefined &&
        !(Array.isArray(nick) && nick.every((s) => typeof s === "string" && s.length <= 64))
      )
        throw bad("claim: nicknames must be strings of at most 64 characters");
      return { t: "claim", id, count: n, ...(nick ? { nicknames: nick as string[] } : {}) };
    }
    case "open":
      if (!isId(data.participant)) throw bad("open needs participant (an id)");
      if (data.url !== undefined && typeof data.url !== "string")
        throw bad("open: url must be a string");
      return {
        t: "open",
        id,
        participant: data.participant,
        ...(typeof data.url === "string" ? { url: data.url } : {}),
      };
    case "call":
      if (!isId(data.instance)) throw bad("call needs instance (an id)");
      if (typeof data.method !== "string") throw bad("call needs method (a string)");
      return { t: "call", id, instance: data.instance, method: data.method, args: data.args };
    case "close":
      if (!isId(data.instance)) throw bad("close needs instance (an id)");
      return { t: "close", id, instance: data.instance };
    case "observe":
      if (data.deltas !== undefined && typeof data.deltas !== "boolean")
        throw bad("observe: deltas must be a boolean");
      return { t: "observe", id, ...(data.deltas === true ? { deltas: true } : {}) };
    case "drive":
      if (typeof data.action !== "string" || data.action.length > 64)
        throw bad("drive needs action (a name, e.g. ui.join)");
      if (data.args !== undefined && !Array.isArray(data.args))
        throw bad("drive: args must be an array");
      return { t: "drive", id, action: data.action, args: (data.args as unknown[]) ?? [] };
    case "reset":
      if (data.options !== undefined && !isRecord(data.options))
        throw bad("reset: options must be an object");
      return { t: "reset", id, options: (data.options ?? {}) as ResetOptions };
    case "release":
      if (!Array.isArray(data.participants) || !data.participants.every(isId))
        throw bad("release needs participants (ids)");
      return { t: "release", id, participants: data.participants as string[] };
    default:
      throw bad(`unknown frame type ${JSON.stringify(String(data.t).slice(0, 32))}`);
  }
}
