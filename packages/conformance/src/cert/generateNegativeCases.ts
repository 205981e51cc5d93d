/**
 * Negative cases generated from {@link JSAPI_METADATA} (itself `@yiqi/jsapi`'s `JSAPI_TABLE`):
 * for every API the app was seen to use, one case per way to call it wrongly (a client version
 * outside its ranges, a platform that lacks it, no auth before an API that needs it, a role that
 * may not, a session state that does not allow it). Each says what the emulator answers and requires that the app
 * survives it: no uncaught error, no unhandled rejection, the instance still answers.
 *
 * @module
 */
import { describeVersions } from "@yiqi/jsapi";
import { type CertCase, Profile } from "./CertCase.ts";
import { Level } from "./Grade.ts";
import {
  type ApiMetadata,
  type ApiRequirement,
  apiMetadata,
  JSAPI_METADATA,
  type NegativeCondition,
  type NegativeScenario,
  versionsOutside,
} from "./jsapiMetadata.ts";

/** `collaboration.start` → `collaboration-start` (case ids use `.` as the group separator). */
const slug = (api: string): string => api.replace(/\./g, "-");

interface Variant {
  rule: string;
  title: string;
  condition: NegativeCondition;
  error: string;
  status?: "FAILED";
}

const variantOf = (m: ApiMetadata, r: ApiRequirement): Variant[] => {
  const failedCallback = r.kind !== "joined" && r.status ? ` reports ${r.status} and` : "";
  const status = r.kind !== "joined" && r.status ? { status: r.status } : {};
  switch (r.kind) {
    case "role": {
      // One case per role that may not call (today: the attendee for start).
      const denied = (["host", "cohost", "attendee"] as const).filter((x) => !r.roles.includes(x));
      return denied.map((role) => ({
        rule: `as-${role}`,
        title: `${m.api} as ${role === "cohost" ? "a co-host" : `an ${role}`}${failedCallback} rejects ${r.error}; the app survives`,
        condition: { kind: "role", role },
        error: r.error,
        ...status,
      }));
    }
    case "starter":
      return [
        {
          rule: "not-starter",
          title: `${m.api} by a joined participant who did not start${failedCallback} rejects ${r.error}; the app survives`,
          condition: { kind: "notStarter" },
          error: r.error,
          ...status,
        },
      ];
    case "session":
      return [
        {
          rule: r.active ? "no-session" : "session-active",
          title: `${m.api} ${r.active ? "with no active session" : "while a session is active"}${failedCallback} rejects ${r.error}; the app survives`,
          condition: { kind: "session", active: !r.active },
          error: r.error,
          ...status,
        },
      ];
    case "joined":
      return [
        {
          rule: r.joined ? "not-joined" : "already-joined",
          title: `${m.api} ${r.joined ? "when not joined" : "when already joined"} rejects ${r.error}; the app survives`,
          condition: { kind: "joined", joined: !r.joined },
          error: r.error,
        },
      ];
  }
};

/** The table's own variants: client versions outside its ranges, missing platforms, no auth. */
const tableVariants = (m: ApiMetadata, platforms: readonly string[]): Variant[] => {
  const variants: Variant[] = [];
  const needs = m.versions ? describeVersions(m.versions) : "";
  for (const version of m.versions ? versionsOutside(m.versions) : [])
    variants.push({
      rule: `client-${version.replace(/\./g, "-")}`,
      title: `${m.api} on client ${version} rejects UNSUPPORTED_VERSION (needs ${needs}); the app survives`,
      condition: { kind: "clientVersion", version },
      error: "UNSUPPORTED_VERSION",
    });
  for (const platform of platforms.filter((p) => !m.platforms.includes(p)))
    variants.push({
      rule: `on-${platform.toLowerCase()}`,
      title: `${m.api} on ${platform} rejects UNSUPPORTED_PLATFORM (only ${m.platforms.join(", ")}); the app survives`,
      condition: { kind: "platform", platform },
      error: "UNSUPPORTED_PLATFORM",
    });
  if (m.auth)
    variants.push({
      rule: "no-auth",
      title: `${m.api} before permission.agentConfig / config succeeded rejects AUTH_REQUIRED; the app survives`,
      condition: { kind: "noAuth" },
      error: "AUTH_REQUIRED",
    });
  return variants;
};

/**
 * Generates the negative cases for the APIs an app was seen to use (public names such as
 * `collaboration.start` or host method names such as `collaborationStart`; unknown names are
 * ignored). Every case is a MUST in `collab-full`: the app may do anything sensible with the
 * rejection, but it must not crash or leave the rejection unhandled.
 *
 * Ids: `A3.neg.<api-with-dashes>.<rule>`, e.g. `A3.neg.collaboration-start.as-attendee`,
 * `A3.neg.collaboration-start.client-3-11-0`, `A3.neg.collaboration-join.no-session`.
 *
 * @param usedApis The APIs seen in the trace; default: every API in the table.
 * @example
 * ```ts
 * generateNegativeCases(["collaboration.start"]).map((c) => c.id);
 * // ["A3.neg.collaboration-start.client-3-11-0", "A3.neg.collaboration-start.as-attendee",
 * //  "A3.neg.collaboration-start.session-active"]
 * ```
 */
export function generateNegativeCases(
  usedApis: Iterable<string> = JSAPI_METADATA.map((m) => m.api),
  table: readonly ApiMetadata[] = JSAPI_METADATA,
): CertCase[] {
  const seen = new Set<string>();
  for (const name of usedApis) {
    const m = table === JSAPI_METADATA ? apiMetadata(name) : table.find((x) => x.api === name);
    if (m) seen.add(m.api);
  }
  // A platform is a condition only when some API of the table has it.
  const platforms = [...new Set(table.flatMap((m) => m.platforms))];
  const cases: CertCase[] = [];
  // Table order, so the case list is stable whatever order the APIs were seen in.
  for (const m of table) {
    if (!seen.has(m.api)) continue;
    const variants: Variant[] = tableVariants(m, platforms);
    for (const r of m.requires) variants.push(...variantOf(m, r));
    for (const v of variants) {
      const negative: NegativeScenario = {
        api: m.api,
        hostMethod: m.hostMethod,
        condition: v.condition,
        error: v.error,
        ...(v.status ? { status: v.status } : {}),
      };
      cases.push({
        id: `A3.neg.${slug(m.api)}.${v.rule}`,
        title: v.title,
        section: "A3",
        level: Level.MUST,
        profiles: [Profile.COLLAB_FULL],
        description:
          `Generated from the JSAPI table (versions, platforms, auth) and certification's session rules. Establish the condition, drive the app to call ${m.api}, ` +
          `and watch the instance: the call rejects with ${v.error}` +
          (v.status ? ` and the callback reports ${v.status}` : "") +
          "; FAILED when the app throws an uncaught error, leaves the rejection unhandled, or stops answering. " +
          "UNIMPLEMENTED when the app cannot be made to call it under that condition.",
        uses: [m.api],
        // Roles, versions, platforms and auth are documented; session-state rules are decisions.
        ...(["role", "clientVersion", "platform", "noAuth"].includes(v.condition.kind)
          ? {}
          : { decision: true }),
        ref: m.ref,
        negative,
      });
    }
  }
  return cases;
}
