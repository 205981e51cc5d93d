/**
 * Metadata of the `wemeet` JSAPI as certification needs it: for each API its host method, the
 * first client version that has it, who may call it, the session state it needs, and the error
 * the emulator answers when a precondition does not hold (docs/reference/jsapi.md, docs/decisions/0100 and
 * 0104). Negative cases are generated from this table, and recorded arguments are checked
 * against `validate`.
 *
 * The API's identity (host method, public name, versions, section) comes from
 * `@yiqi/jsapi`'s `JSAPI_TABLE`, the one source the simulator's gates also derive from
 * (docs/decisions/0109-api-table.md); this module adds only what certification needs.
 *
 * @module
 */
import {
  firstVersion,
  JSAPI_TABLE,
  type WemeetErrorCodeName,
  type WemeetHostApi,
} from "@yiqi/jsapi";

/** A role that may call an API (`roleType` 1 host, 2 co-host, 3+ everyone else). */
export type ApiRole = "host" | "cohost" | "attendee";

/** A precondition of an API, and the error code (`WemeetErrorCode` name) when it fails. */
export type ApiRequirement =
  | {
      /** Only these roles may call. */
      kind: "role";
      roles: readonly ApiRole[];
      error: string;
      /** start/end also report `FAILED` through their callback. */
      status?: "FAILED";
    }
  | {
      /** The participant must be the session's starter. */
      kind: "starter";
      error: string;
      status?: "FAILED";
    }
  | {
      /** A collaboration session must be active (`true`) or not (`false`). */
      kind: "session";
      active: boolean;
      error: string;
      status?: "FAILED";
    }
  | {
      /** The participant must have joined the session (`true`) or not (`false`). */
      kind: "joined";
      joined: boolean;
      error: string;
    };

/** A check of one recorded argument list: problems fail the case, notes are only mentioned. */
export interface ArgumentCheck {
  problems: string[];
  notes: string[];
}

/** Metadata of one `wemeet` API. */
export interface ApiMetadata {
  /** The name apps call, e.g. `collaboration.start`. */
  api: string;
  /** The `WemeetHostApi` method the shim calls, e.g. `collaborationStart`. */
  hostMethod: string;
  /** The part of the certification it belongs to (A2 collaboration, A4 other members). */
  section: "A2" | "A4";
  /** First client version with the API (`null`: never gated). */
  since: string | null;
  /** Every client version range that has it (`null`: never gated), from `JSAPI_TABLE`. */
  versions: readonly { readonly from: string; readonly before?: string }[] | null;
  /** The client platforms that have it (`Windows`, `Mac`, ...), from `JSAPI_TABLE`. */
  platforms: readonly string[];
  /** `permission.agentConfig` / `config` must succeed first, from `JSAPI_TABLE`. */
  auth: boolean;
  /** Its entry in the API reference, e.g. `docs/reference/jsapi.md#wemeet-collaboration-start`. */
  ref: string;
  /** The documented argument type, for messages. */
  signature: string;
  /** Preconditions, each violated by one generated negative case. */
  requires: readonly ApiRequirement[];
  /**
   * Checks the arguments of one call. `args` is either what the host saw (`[{ url, pageUrl }]`)
   * or what the app passed (`[{ url, callback }]`); both forms are accepted.
   */
  validate(args: readonly unknown[]): ArgumentCheck;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const describeValue = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;

/** Keys the host protocol adds (`pageUrl`) or the shim sends for callbacks. */
const HOST_KEYS = new Set(["pageUrl"]);

type Field = "string" | "number" | "boolean" | "function" | "string|number" | "string[]";

const fieldOk = (type: Field, v: unknown): boolean => {
  switch (type) {
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "boolean":
      return typeof v === "boolean";
    // A recorded call may carry a callback as the marker the shim uses for cloneable args.
    case "function":
      return typeof v === "function" || v === "[function]";
    case "string|number":
      return typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
    case "string[]":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
  }
};

/** A validator for `(opts?: { ...fields })` (or a required object when `required`). */
const objectArg =
  (
    api: string,
    fields: Readonly<Record<string, { type: Field; required?: boolean }>>,
    required = false,
  ) =>
  (args: readonly unknown[]): ArgumentCheck => {
    const problems: string[] = [];
    const notes: string[] = [];
    if (args.length > 1) notes.push(`${api} takes one argument; ${args.length - 1} more ignored`);
    const opts = args[0];
    if (opts === undefined) {
      if (required) problems.push(`${api} needs an options object, got no argument`);
      return { problems, notes };
    }
    if (!isObject(opts)) {
      problems.push(`${api}: the argument must be an object, got ${describeValue(opts)}`);
      return { problems, notes };
    }
    for (const [key, spec] of Object.entries(fields)) {
      const v = opts[key];
      if (v === undefined) {
        if (spec.required) problems.push(`${api}: ${key} is required (${spec.type})`);
      } else if (!fieldOk(spec.type, v)) {
        problems.push(`${api}: ${key} must be ${spec.type}, got ${describeValue(v)}`);
      }
    }
    if (opts.pageUrl !== undefined && typeof opts.pageUrl !== "string")
      problems.push(`${api}: pageUrl (added by the client) must be a string`);
    const extra = Object.keys(opts).filter((k) => !(k in fields) && !HOST_KEYS.has(k));
    if (extra.length > 0)
      notes.push(`${api}: keys the reference does not define: ${extra.join(", ")}`);
    return { problems, notes };
  };

const noArgs =
  (api: string) =>
  (args: readonly unknown[]): ArgumentCheck => {
    // The host protocol may pass `{}` (collaborationEnd) and the shim passes nothing; only
    // arguments an app added are worth a note: JavaScript ignores them.
    const extra = args.filter((a) => !(isObject(a) && Object.keys(a).length === 0));
    return {
      problems: [],
      notes: extra.length > 0 ? [`${api} takes no arguments; ${extra.length} ignored`] : [],
    };
  };

/** `AuthConfigParam` (§3 AGENT-MD, CONFIG-MD: the same fields): Strings, `corpId` included. */
const AUTH_FIELDS = {
  sdkId: { type: "string", required: true },
  corpId: { type: "string", required: true },
  signature: { type: "string", required: true },
  nonceStr: { type: "string", required: true },
  timestamp: { type: "string", required: true },
  timeout: { type: "number" },
} as const;

const START_STATUS = { status: "FAILED" } as const;

/** The host methods certification covers: every gated one. */
type CertifiedMethod = Exclude<keyof WemeetHostApi, "getEnvironment" | "invokeUnknown">;

/** What certification adds to a `JSAPI_TABLE` entry; errors are `WemeetErrorCode` names. */
interface Certification {
  signature: string;
  requires: readonly (ApiRequirement & { error: WemeetErrorCodeName })[];
  /** The argument check, given the API's public name for its messages. */
  validate(api: string): ApiMetadata["validate"];
}

/**
 * Certification's part of the APIs whose session rules it checks (the precondition rules of
 * docs/decisions/0100), in `JSAPI_TABLE` order. Every other gated API gets {@link TABLE_ONLY}:
 * its version, platform and auth cases come from the table alone; its arguments are the
 * simulator's to check.
 */
const CERTIFICATION: Readonly<Partial<Record<CertifiedMethod, Certification>>> = {
  collaborationStart: {
    signature: "{ url?: string, callback?: (resp) => void }",
    requires: [
      { kind: "role", roles: ["host", "cohost"], error: "NOT_PERMITTED", ...START_STATUS },
      { kind: "session", active: false, error: "SESSION_ACTIVE", ...START_STATUS },
    ],
    validate: (api) => objectArg(api, { url: { type: "string" }, callback: { type: "function" } }),
  },
  collaborationEnd: {
    signature: "{ callback?: (resp) => void }",
    requires: [
      { kind: "session", active: true, error: "NO_ACTIVE_SESSION", ...START_STATUS },
      { kind: "starter", error: "NOT_PERMITTED", ...START_STATUS },
    ],
    validate: (api) => objectArg(api, { callback: { type: "function" } }),
  },
  collaborationJoin: {
    signature: "()",
    requires: [
      { kind: "session", active: true, error: "NO_ACTIVE_SESSION" },
      { kind: "joined", joined: false, error: "ALREADY_JOINED" },
    ],
    validate: noArgs,
  },
  collaborationLeave: {
    signature: "()",
    requires: [{ kind: "joined", joined: true, error: "NOT_JOINED" }],
    validate: noArgs,
  },
  collaborationGetContext: {
    signature: "()",
    requires: [{ kind: "session", active: true, error: "NO_ACTIVE_SESSION" }],
    validate: noArgs,
  },
  collaborationSetConfig: {
    signature: "{ url?: string, visible?: boolean }",
    requires: [],
    validate: (api) =>
      objectArg(api, { url: { type: "string" }, visible: { type: "boolean" } }, true),
  },
  appGetRunningContext: { signature: "()", requires: [], validate: noArgs },
  appGetAppInfo: { signature: "()", requires: [], validate: noArgs },
  permissionAgentConfig: {
    signature: "{ sdkId, corpId, signature, nonceStr, timestamp: string }",
    requires: [],
    validate: (api) => objectArg(api, AUTH_FIELDS, true),
  },
  permissionConfig: {
    signature: "{ sdkId, corpId, signature, nonceStr, timestamp: string }",
    requires: [],
    validate: (api) => objectArg(api, AUTH_FIELDS, true),
  },
};

/** An API certification adds nothing to: no session rules, arguments left to the simulator. */
const TABLE_ONLY: Certification = {
  signature: "(see the API reference)",
  requires: [],
  validate: () => () => ({ problems: [], notes: [] }),
};

/**
 * The reference anchor of an API (its full name, dots as dashes): `collaboration.start` →
 * `docs/reference/jsapi.md#wemeet-collaboration-start`.
 */
export const apiRef = (api: string): string =>
  `docs/reference/jsapi.md#wemeet-${api.replace(/\./g, "-")}`;

/**
 * The JSAPI metadata table (docs/reference/jsapi.md; the version and precondition rules of
 * docs/decisions/0100 and 0104): `JSAPI_TABLE`'s gated APIs with certification's part.
 */
export const JSAPI_METADATA: readonly ApiMetadata[] = Object.freeze(
  (Object.keys(JSAPI_TABLE) as (keyof WemeetHostApi)[]).flatMap((method): ApiMetadata[] => {
    const entry = JSAPI_TABLE[method];
    // Host-only entries (the handshake, the unknown-call relay) are not APIs an app calls.
    if (entry.section === "A1" || method === "invokeUnknown") return [];
    const cert =
      (CERTIFICATION as Partial<Record<keyof WemeetHostApi, Certification>>)[method] ?? TABLE_ONLY;
    return [
      {
        api: entry.name,
        hostMethod: method,
        section: entry.section,
        since: firstVersion(entry.versions),
        versions: entry.versions,
        platforms: entry.platforms,
        auth: entry.auth,
        ref: apiRef(entry.name),
        signature: cert.signature,
        requires: cert.requires,
        validate: cert.validate(entry.name),
      },
    ];
  }),
);

/** The metadata of an API by its public name (`collaboration.start`) or host method name. */
export function apiMetadata(name: string): ApiMetadata | undefined {
  return JSAPI_METADATA.find((m) => m.api === name || m.hostMethod === name);
}

/** How a generated negative case violates its API's contract. */
export type NegativeCondition =
  | { kind: "role"; role: ApiRole }
  | { kind: "notStarter" }
  | { kind: "clientVersion"; version: string }
  | { kind: "platform"; platform: string }
  | { kind: "noAuth" }
  | { kind: "session"; active: boolean }
  | { kind: "joined"; joined: boolean };

/** What a generated negative case sets up and what the emulator answers. */
export interface NegativeScenario {
  /** The API under test, e.g. `collaboration.start`. */
  api: string;
  /** Its `WemeetHostApi` method. */
  hostMethod: string;
  /** The condition to establish before the app makes the call. */
  condition: NegativeCondition;
  /** The `WemeetErrorCode` name the call rejects with. */
  error: string;
  /** start/end: the status the callback reports. */
  status?: "FAILED";
}

/**
 * The newest client version just before `since` in the minor series the reference uses:
 * `3.12.0` → `3.11.0`, `2.17.0` → `2.16.0`, `3.0.0` → `2.99.0`.
 */
export function versionBefore(since: string): string {
  const [major = 0, minor = 0] = since.split(".").map((s) => Number(s) || 0);
  return minor > 0 ? `${major}.${minor - 1}.0` : `${Math.max(0, major - 1)}.99.0`;
}

/** Compares dotted versions numerically: negative when `a` is older. */
export function compareDotted(a: string, b: string): number {
  const x = a.split(".").map((s) => Number(s) || 0);
  const y = b.split(".").map((s) => Number(s) || 0);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Client versions outside `versions`, one per way to be outside: just before the first range,
 * inside each gap, and after a closed last range: its exclusive upper bound, the first version
 * without it (`[{ from: "3.0.0", before: "3.30.0" }, { from: "3.36.0" }]` → `2.99.0`, `3.30.0`).
 */
export function versionsOutside(
  versions: readonly { readonly from: string; readonly before?: string }[],
): string[] {
  const out: string[] = [];
  const [first] = versions;
  if (first) out.push(versionBefore(first.from));
  versions.forEach((r, i) => {
    if (r.before === undefined) return;
    const v = r.before;
    const next = versions[i + 1];
    if (!next || compareDotted(v, next.from) < 0) out.push(v);
  });
  return out;
}
