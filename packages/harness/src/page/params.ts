/**
 * The harness URL: `?app=<url|demo>&participants=<count|name:role[:version][:os][:scene],...>`
 * `&scenario=<name>`
 * `&decisions=<name:value,...>` (emulator decisions in force before any app opens).
 * Parsing and formatting are pure, so a copied link reopens exactly the same meeting.
 *
 * @module
 */
import { type Platform, RoleType } from "@yiqi/jsapi";
import { DEFAULT_DECISIONS, type EmulatorDecisions } from "@yiqi/mock-host";
import { isOpenScene, OPEN_SCENES, type ParticipantSpec } from "../scenarios/index.ts";

export type { ParticipantSpec };

/** Everything the URL sets up. */
export interface HarnessSetup {
  /** `demo` or an app URL. */
  app: string;
  participants: ParticipantSpec[];
  /** A built-in scenario to load, or null. */
  scenario: string | null;
  /** Emulator decisions that differ from the defaults, set before the first app opens. */
  decisions?: Partial<EmulatorDecisions>;
}

/** The most participants a URL may ask for (the server's host pattern allows p1..p999). */
export const MAX_PARTICIPANTS = 128;

/** Role names accepted in `participants=name:role` (lower case; `-` and `_` ignored). */
export const ROLE_BY_NAME: Readonly<Record<string, RoleType>> = Object.freeze({
  none: RoleType.NONE,
  host: RoleType.HOST,
  cohost: RoleType.COHOST,
  attendee: RoleType.ATTENDEE,
  internalguest: RoleType.INTERNAL_GUEST,
  externalguest: RoleType.EXTERNAL_GUEST,
  guest: RoleType.GUEST,
  audience: RoleType.AUDIENCE,
  interpreter: RoleType.INTERPRETER,
});

const NAME_BY_ROLE = new Map<number, string>(
  Object.entries(ROLE_BY_NAME).map(([name, role]) => [role, name]),
);

/** The URL name of a role (`host`, `cohost`, `attendee`, ...). */
export function roleName(role: RoleType): string {
  return NAME_BY_ROLE.get(role) ?? String(role);
}

/** Default nicknames, in order; participants past the list are `P<n>`. */
export const NICKNAMES: readonly string[] = [
  "Host",
  "Alice",
  "Bob",
  "Carol",
  "Dave",
  "Erin",
  "Frank",
  "Grace",
];

/** `count` participants: the first is the host, the rest attendees. */
export function defaultParticipants(count = 3): ParticipantSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    nickname: NICKNAMES[i] ?? `P${i + 1}`,
    role: i === 0 ? RoleType.HOST : RoleType.ATTENDEE,
  }));
}

/** Why a URL parameter was ignored. */
export class SetupError extends Error {
  override readonly name = "SetupError";
}

/** The client platforms (`os_name` in the UA), as `participants=name:role:version:os` takes them. */
export const PLATFORM_NAMES: readonly Platform[] = ["Windows", "Mac", "Linux", "iOS", "Android"];

/**
 * A client version the harness takes (`3.11.0`, `3.14.0.400`): what the `yiqi harness` server
 * takes for a participant's user agent (`POST /__yiqi/clients`). A longer one would make the
 * server refuse every participant's client, and all apps would see the default client's UA.
 */
export const CLIENT_VERSION_PATTERN: RegExp = /^\d{1,5}(\.\d{1,7}){1,3}$/;

/** The platform named `word` (any case), or undefined. */
const platformNamed = (word: string): Platform | undefined =>
  PLATFORM_NAMES.find((p) => p.toLowerCase() === word.toLowerCase());

/**
 * Parses the `participants` parameter: a count (`5`) or a comma list of
 * `name[:role[:clientVersion][:os][:scene]]` (`Host:host,Alice,Bob:attendee:3.11.0:Windows`);
 * the version, the OS and the scene the app opens in (`preMeetingDetail`, ...) come in any order.
 *
 * @throws {SetupError} on an unknown role, a bad count, an empty or duplicate name.
 * @example
 * ```ts
 * parseParticipants("Host:host,Ann"); // [{ nickname: "Host", role: 1 }, { nickname: "Ann", role: 3 }]
 * ```
 */
export function parseParticipants(value: string): ParticipantSpec[] {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < 1 || n > MAX_PARTICIPANTS) {
      throw new SetupError(`participants must be 1..${MAX_PARTICIPANTS}, got ${n}`);
    }
    return defaultParticipants(n);
  }
  const seen = new Set<string>();
  const list = text.split(",").map((item, i): ParticipantSpec => {
    const [rawName = "", rawRole, ...rest] = item.split(":").map((s) => s.trim());
    let nickname: string;
    try {
      nickname = decodeURIComponent(rawName);
    } catch {
      throw new SetupError(
        `participant ${i + 1}'s name "${rawName}" has a stray %: write it as %25 (a name is percent-encoded, e.g. 50%25 for 50%)`,
      );
    }
    if (nickname === "") throw new SetupError(`participant ${i + 1} has no name`);
    if (seen.has(nickname)) throw new SetupError(`participant "${nickname}" appears twice`);
    seen.add(nickname);
    let role: RoleType = RoleType.ATTENDEE;
    if (rawRole) {
      const key = rawRole.toLowerCase().replace(/[-_]/g, "");
      const found = ROLE_BY_NAME[key];
      if (found === undefined) {
        throw new SetupError(
          `unknown role "${rawRole}" for ${nickname}; use one of ${Object.keys(ROLE_BY_NAME).join(", ")}`,
        );
      }
      role = found;
    }
    const spec: ParticipantSpec = { nickname, role };
    for (const word of rest.filter((w) => w !== "")) {
      const platform = platformNamed(word);
      if (platform && !spec.platform) spec.platform = platform;
      else if (isOpenScene(word) && !spec.scene) spec.scene = word;
      else if (CLIENT_VERSION_PATTERN.test(word) && !spec.clientVersion) spec.clientVersion = word;
      else
        throw new SetupError(
          `bad client version, OS or scene "${word}" for ${nickname}: give a version like 3.11.0 (up to 4 parts: 5 digits, then 7), one of ${PLATFORM_NAMES.join(", ")} and/or one of ${OPEN_SCENES.join(", ")}`,
        );
    }
    return spec;
  });
  if (list.length > MAX_PARTICIPANTS) {
    throw new SetupError(`at most ${MAX_PARTICIPANTS} participants, got ${list.length}`);
  }
  return list;
}

/** Formats participants the way {@link parseParticipants} reads them. */
export function formatParticipants(list: readonly ParticipantSpec[]): string {
  return list
    .map((p) => {
      const parts = [encodeURIComponent(p.nickname).replace(/%20/g, " "), roleName(p.role)];
      if (p.clientVersion) parts.push(p.clientVersion);
      if (p.platform) parts.push(p.platform);
      if (p.scene) parts.push(p.scene);
      return parts.join(":");
    })
    .join(",");
}

/**
 * Reads a setup from a query string; a bad parameter falls back to its default and is reported
 * in `problems` (the page shows them) rather than breaking the page.
 *
 * @param search `location.search`
 * @param defaultApp the server's default app (`demo` or a URL)
 */
export function parseSetup(
  search: string,
  defaultApp = "demo",
): { setup: HarnessSetup; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  let participants = defaultParticipants();
  const raw = params.get("participants");
  if (raw !== null && raw.trim() !== "") {
    try {
      participants = parseParticipants(raw);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  let app = params.get("app")?.trim() || defaultApp;
  if (app !== "demo") {
    try {
      const u = new URL(app);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http(s)");
    } catch {
      problems.push(`app must be "demo" or an http(s) URL, got "${app}"`);
      app = defaultApp;
    }
  }
  const scenario = params.get("scenario")?.trim() || null;
  const setup: HarnessSetup = { app, participants, scenario };
  const rawDecisions = params.get("decisions");
  if (rawDecisions !== null && rawDecisions.trim() !== "") {
    try {
      setup.decisions = parseDecisions(rawDecisions);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { setup, problems };
}

/** The decisions whose value is a word (the others are booleans and numbers). */
export type WordDecision = {
  [K in keyof EmulatorDecisions]: [Extract<EmulatorDecisions[K], string>] extends [never]
    ? never
    : K;
}[keyof EmulatorDecisions];

/** The choices of each word-valued decision (the meeting panel offers the same). */
export const DECISION_CHOICES: {
  readonly [K in WordDecision]: readonly Extract<EmulatorDecisions[K], string>[];
} = Object.freeze({
  endPermission: ["starter", "hosts"],
  confirmStart: ["accept", "cancel", "ask"],
  confirmEnd: ["accept", "cancel", "ask"],
  inMeetingScene: ["inMeeting", "inmeeting"],
  eventAudience: ["session", "all-open"],
  starterLeave: ["reject", "end"],
  unknownCalls: ["reject", "resolve"],
  confirmWindowShare: ["accept", "cancel"],
  authorizeConsent: ["accept", "reject", "close"],
  phoneNumberConsent: ["accept", "cancel"],
  confirmExternalPage: ["accept", "cancel"],
});

/**
 * Parses `name:value,...` into emulator decisions: each name must be one of
 * `DEFAULT_DECISIONS`, each value of its type: `true`/`false`, a number, or one of
 * {@link DECISION_CHOICES}.
 *
 * @throws {SetupError} naming the decision and what is accepted
 */
export function parseDecisions(raw: string): Partial<EmulatorDecisions> {
  const out: Record<string, unknown> = {};
  for (const item of raw.split(",")) {
    const [name = "", value = ""] = item.split(":").map((x) => x.trim());
    if (name === "" && value === "") continue;
    if (!Object.hasOwn(DEFAULT_DECISIONS, name))
      throw new SetupError(
        `unknown decision "${name}"; known: ${Object.keys(DEFAULT_DECISIONS).join(", ")}`,
      );
    const def = (DEFAULT_DECISIONS as Readonly<Record<string, unknown>>)[name];
    if (typeof def === "boolean") {
      if (value !== "true" && value !== "false")
        throw new SetupError(`decision ${name} is true or false, got "${value}"`);
      out[name] = value === "true";
    } else if (typeof def === "number") {
      const n = Number(value);
      if (value === "" || !Number.isFinite(n))
        throw new SetupError(`decision ${name} is a number, got "${value}"`);
      out[name] = n;
    } else {
      const choices: readonly string[] = DECISION_CHOICES[name as WordDecision] ?? [String(def)];
      if (!choices.includes(value))
        throw new SetupError(`decision ${name} is one of ${choices.join(", ")}, got "${value}"`);
      out[name] = value;
    }
  }
  return out as Partial<EmulatorDecisions>;
}

/** The query string (with `?`) that {@link parseSetup} reads back as `setup`. */
export function formatSetup(setup: HarnessSetup): string {
  const params = new URLSearchParams();
  params.set("app", setup.app);
  params.set("participants", formatParticipants(setup.participants));
  if (setup.scenario) params.set("scenario", setup.scenario);
  const decisions = Object.entries(setup.decisions ?? {});
  if (decisions.length > 0)
    params.set("decisions", decisions.map(([k, v]) => `${k}:${String(v)}`).join(","));
  return `?${params.toString()}`;
}
