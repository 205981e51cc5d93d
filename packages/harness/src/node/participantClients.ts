/**
 * Which client each participant runs, as the server presents it on that participant's origin
 * (docs/decisions/0008): the harness page tells the server (`POST /__yiqi/clients`) the platform,
 * client version and district of every participant of an app before it loads their frames; the
 * proxy then sends that client's user agent in `User-Agent` and the client script sets it as
 * `navigator.userAgent`. A participant the page never described runs the simulator's default
 * client (Mac, {@link DEFAULT_CLIENT_VERSION}).
 */
import type { Platform } from "@yiqi/jsapi";
import { DEFAULT_CLIENT_VERSION, userAgentFor } from "@yiqi/mock-host";

/** One participant's client: what its user agent says. */
export interface ParticipantClient {
  readonly platform: Platform;
  readonly clientVersion: string;
  /** The UA's `c_district`: 0 mainland China, 1 elsewhere. */
  readonly district: 0 | 1;
  /** The UA in Tencent's documented format (`... app/tencent_wemeet os_name/... app_version/...`). */
  readonly userAgent: string;
}

/** The platforms Tencent documents for `os_name`. */
export const PLATFORMS: readonly Platform[] = ["Windows", "Mac", "Linux", "iOS", "Android"];

/** The most participants one app's table holds (the host grammar allows p1..p999). */
const MAX_PARTICIPANT = 999;

/** A client from its parts (the UA is derived, never taken from a request). */
export function participantClient(
  platform: Platform,
  clientVersion: string,
  district: 0 | 1 = 0,
): ParticipantClient {
  return {
    platform,
    clientVersion,
    district,
    userAgent: userAgentFor({ platform, clientVersion, district }),
  };
}

/** The client of a participant nobody described: the simulator's default participant's. */
export const DEFAULT_PARTICIPANT_CLIENT: ParticipantClient = participantClient(
  "Mac",
  DEFAULT_CLIENT_VERSION,
);

/** The clients of every app's participants. */
export interface ParticipantClients {
  /** Participant `n`'s client for app `appId` (the default client when never described). */
  get(appId: string, n: number): ParticipantClient;
  /** Replaces what is known of `appId`'s participants with `clients` (participant N to client). */
  set(appId: string, clients: ReadonlyMap<number, ParticipantClient>): void;
  /** Sets participant `n`'s client of `appId`, keeping the others (a meeting server's view). */
  setOne(appId: string, n: number, client: ParticipantClient): void;
}

/** Creates an empty table. */
export function createParticipantClients(): ParticipantClients {
  const apps = new Map<string, ReadonlyMap<number, ParticipantClient>>();
  return {
    get: (appId, n) => apps.get(appId)?.get(n) ?? DEFAULT_PARTICIPANT_CLIENT,
    set: (appId, clients) => {
      apps.set(appId, new Map(clients));
    },
    setOne: (appId, n, client) => {
      apps.set(appId, new Map(apps.get(appId)).set(n, client));
    },
  };
}

const HINT =
  'send JSON { "appId": "demo", "clients": [{ "participant": 1, "platform": "Windows", "clientVersion": "3.11.0", "district": 0 }] }';

/**
 * Reads a `POST /__yiqi/clients` body: `{ appId, clients: [{ participant, platform,
 * clientVersion, district? }] }`.
 *
 * @throws {Error} saying which field is wrong and what to send.
 */
export function parseClientsBody(text: string): {
  appId: string;
  clients: Map<number, ParticipantClient>;
} {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`the body is not JSON: ${HINT}`);
  }
  const { appId, clients } = (body ?? {}) as { appId?: unknown; clients?: unknown };
  if (typeof appId !== "string" || !Array.isArray(clients)) throw new Error(HINT);
  const out = new Map<number, ParticipantClient>();
  for (const [i, item] of clients.entries()) {
    const c = (item ?? {}) as Record<string, unknown>;
    const where = `clients[${i}]`;
    const n = c.participant;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_PARTICIPANT)
      throw new Error(`${where}.participant must be an integer 1..${MAX_PARTICIPANT}: ${HINT}`);
    if (!PLATFORMS.includes(c.platform as Platform))
      throw new Error(`${where}.platform must be one of ${PLATFORMS.join(", ")}`);
    if (typeof c.clientVersion !== "string" || !/^\d{1,5}(\.\d{1,7}){1,3}$/.test(c.clientVersion))
      throw new Error(`${where}.clientVersion must look like 3.14.0 or 3.14.0.400`);
    const district = c.district ?? 0;
    if (district !== 0 && district !== 1) throw new Error(`${where}.district must be 0 or 1`);
    out.set(n, participantClient(c.platform as Platform, c.clientVersion, district));
  }
  return { appId, clients: out };
}
