import type { WemeetHostApi } from "@yiqi/jsapi";

/**
 * Compare two dotted client versions (`3.12.0.400`). Missing segments read as 0, and so do
 * non-numeric ones (SPEC A4, `wemeet.app.compare`).
 *
 * @returns -1 when `a < b`, 0 when equal, 1 when `a > b`.
 * @example
 * ```ts
 * compareVersions("3.12.0.400", "3.12.0"); // 1
 * ```
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const pa = a.split(".");
  const pb = b.split(".");
  const len = Math.max(pa.length, pb.length);
  for (let i = 0; i < len; i++) {
    const x = toSegment(pa[i]);
    const y = toSegment(pb[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function toSegment(s: string | undefined): number {
  if (s === undefined || !/^\d+$/.test(s.trim())) return 0;
  return Number(s.trim());
}

/** One gated API: its public `wemeet` name and the first client version that has it. */
export interface ApiGate {
  /** The name apps call, e.g. `collaboration.start`. */
  name: string;
  /** The first client version with the API, or `null` when it is never gated. */
  since: string | null;
}

/**
 * The "since" version of every host method (SPEC A3 "version gating"). `collaboration.*` 3.12.0
 * and `app.getRunningContext` 3.11.0 are documented; the `permission.*` and `app.getAppInfo`
 * versions (2.17.0, the version Tencent documents for `permission.requestAgentAuthCode`) are an
 * emulator decision (docs/decisions/0104-version-gates.md).
 */
export const API_GATES: Readonly<Record<keyof WemeetHostApi, ApiGate>> = {
  getEnvironment: { name: "environment", since: null },
  collaborationStart: { name: "collaboration.start", since: "3.12.0" },
  collaborationEnd: { name: "collaboration.end", since: "3.12.0" },
  collaborationJoin: { name: "collaboration.join", since: "3.12.0" },
  collaborationLeave: { name: "collaboration.leave", since: "3.12.0" },
  collaborationGetContext: { name: "collaboration.getContext", since: "3.12.0" },
  collaborationSetConfig: { name: "collaboration.setCollaborationConfig", since: "3.12.0" },
  appGetRunningContext: { name: "app.getRunningContext", since: "3.11.0" },
  appGetAppInfo: { name: "app.getAppInfo", since: "2.17.0" },
  permissionAgentConfig: { name: "permission.agentConfig", since: "2.17.0" },
  permissionConfig: { name: "permission.config", since: "2.17.0" },
  invokeUnknown: { name: "unknown", since: null },
};

/** The client version from which `getRunningContext` carries `msMeetingId`, `msOpenId`, `deviceId`. */
export const RUNNING_CONTEXT_IDS_SINCE = "3.14.0";

/** The client version from which collaboration (invitations, join) exists at all. */
export const COLLABORATION_SINCE = "3.12.0";
