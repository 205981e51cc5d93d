/**
 * The shape of the API table's entries (`JsapiEntry`, `JsapiEventEntry`) and the builders the
 * table is written with. See `apiTable.ts` for the table and how its consumers read it.
 *
 * @module
 */
import { NO_PARAMS, type ParamSpec } from "./apiParams.ts";
import type { Platform, WemeetErrorCodeName } from "./types.ts";
import type { VersionRange } from "./versionRanges.ts";

/**
 * Where an API may be called: `"meeting"` only in a meeting (`inMeeting`, `inCollaboration`);
 * `"any"` in every scene (pre-meeting, waiting room, history, business card too). Tencent is
 * silent; docs/decisions/0112-scenes.md.
 */
export type SceneRule = "meeting" | "any";

/** The sections of `reference/wemeet-jsapi.md` an entry is documented in. */
export const REFERENCE_SECTIONS: Readonly<Record<ReferenceSection, string>> = Object.freeze({
  "§2": "Loading and environment",
  "§3": "Permission / auth",
  "§4": "Meeting data",
  "§5": "UI",
  "§6": "In-app screen share and share this app",
  "§7": "Collaboration",
  "§8": "Events",
});
/** A section of the reference (`§2` … `§8`). */
export type ReferenceSection = "§2" | "§3" | "§4" | "§5" | "§6" | "§7" | "§8";

/** The callback option names of a call that also reports through callbacks (sic spellings). */
export interface CallbackNames {
  /** Option names called once when the call succeeds (e.g. `success`). */
  readonly success?: readonly string[];
  /** Option names called once when the call fails, with its coded error (e.g. `fail`). */
  readonly fail?: readonly string[];
  /** Option names called zero or more times while the call runs (e.g. `progress`). */
  readonly progress?: readonly string[];
}

/** A per-API error code Tencent documents, and the Yiqi code whose failure carries it. */
export interface DocumentedError {
  /** The numeric code Tencent documents for this API (as the client reports it). */
  readonly apiCode: number;
  /** What Tencent says the code means, in its words (English translation). */
  readonly meaning: string;
  /** The Yiqi error code a failure with this `apiCode` carries; absent when none maps to it. */
  readonly as?: WemeetErrorCodeName;
}

/** One call of the `wemeet` API. */
export interface JsapiEntry {
  /** The name apps call, e.g. `collaboration.start` (`environment`, `unknown`: host-only). */
  readonly name: string;
  /** The client versions that have it; `null` when it is never gated. */
  readonly versions: readonly VersionRange[] | null;
  /** Whether `permission.agentConfig` / `permission.config` must succeed first (per instance). */
  readonly auth: boolean;
  /** The client platforms that have it (the UA's `os_name`). */
  readonly platforms: readonly Platform[];
  /** The scenes it may be called in. */
  readonly scenes: SceneRule;
  /** What it takes; checked by the client (callbacks) and the simulator (the rest). */
  readonly params: ParamSpec;
  /** Callback options it reports through besides its Promise, or `null`. */
  readonly callbacks: CallbackNames | null;
  /** Per-API codes Tencent documents. */
  readonly errors: readonly DocumentedError[];
  /** The reference section, e.g. `§6`. */
  readonly ref: ReferenceSection;
  /** The reference's source key, e.g. `SOA-MD`; `—` for host-only entries. */
  readonly source: string;
  /** The SPEC part (A1 loading, A2 collaboration, A4 other members), kept for certification. */
  readonly section: "A1" | "A2" | "A4";
  /** What the emulation does, with its decision numbers (printed in the docs). */
  readonly notes: string;
}

/** One `wemeet` event. */
export interface JsapiEventEntry {
  /** The first client version that sends it. */
  readonly since: string;
  /** The client platforms that send it (the UA's `os_name`). */
  readonly platforms: readonly Platform[];
  /** The SPEC part that documents it. */
  readonly section: "A2" | "A4";
  /** The reference's source key the event is documented under, e.g. `SOA-MD`. */
  readonly source: string;
  /** What the simulator sends and when. */
  readonly notes: string;
}

/** `Object.freeze` of a tuple. */
export const freeze = <T extends readonly unknown[]>(...xs: T): Readonly<T> => Object.freeze(xs);
/** Windows, Mac, iOS and Android (WMIA): what Tencent lists for most APIs. */
export const ALL: readonly Platform[] = freeze("Windows", "Mac", "iOS", "Android");
/** Windows and Mac. */
export const DESKTOP: readonly Platform[] = freeze("Windows", "Mac");
/** iOS and Android. */
export const MOBILE: readonly Platform[] = freeze("iOS", "Android");

/** One open range from `from`. */
export const since = (from: string): readonly VersionRange[] =>
  Object.freeze([Object.freeze({ from })]);

/** Everything of an entry but its identity; unset fields take the defaults. */
export type EntryOptions = Partial<Omit<JsapiEntry, "name" | "versions" | "ref" | "source">>;

/** An entry: WMIA, no auth, any scene, no parameters unless `o` says otherwise. */
export const entry = (
  name: string,
  versions: readonly VersionRange[] | null,
  ref: ReferenceSection,
  source: string,
  o: EntryOptions = {},
): JsapiEntry =>
  Object.freeze({
    name,
    versions,
    auth: o.auth ?? false,
    platforms: o.platforms ?? ALL,
    scenes: o.scenes ?? "any",
    params: o.params ?? NO_PARAMS,
    callbacks: o.callbacks ?? null,
    errors: o.errors ?? [],
    ref,
    source,
    section: o.section ?? "A4",
    notes: o.notes ?? "",
  });
