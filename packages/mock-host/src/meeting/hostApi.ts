/**
 * The host API of one app instance (`WemeetHostApi`): each call is traced, refused once the
 * instance is closed, gated by the client version (`API_GATES`), checked for its reported page
 * URL (decision 0107), then answered by the session machine or from state. Internal.
 *
 * @module
 */
import type {
  HostEnvironment,
  HostResult,
  RunningContext,
  WemeetHostApi,
  WemeetNoticeApi,
} from "@yiqi/jsapi";
import { compareVersions, JSAPI_TABLE, RUNNING_CONTEXT_IDS_SINCE } from "@yiqi/jsapi";
import { type ApiHandlers, TABLE_HANDLERS } from "./apiHandlers.ts";
import { environmentFor } from "./environment.ts";
import { fail, ok } from "./errors.ts";
import { callGateError, paramsError } from "./gates.ts";
import type { MeetingAuth } from "./meetingAuth.ts";
import {
  asRecord,
  DEFAULT_CLIENT_VERSION,
  type IState,
  inSession,
  instanceIds,
  isRecord,
  type MeetingState,
  type PState,
  person,
  recordState,
  sceneOf,
} from "./meetingState.ts";
import { recordNotice } from "./notices.ts";
import { endSession, joinSession, leaveSession, startSession } from "./sessionMachine.ts";
import { appUrlProblem, reportedPageUrl } from "./sessionUrl.ts";
import type { SpecRef } from "./trace.ts";
import { traced } from "./tracedCall.ts";
import { API_GATES } from "./version.ts";

/** The gated methods (all but the environment handshake and unknown calls). */
type GatedMethod = Exclude<keyof WemeetHostApi, "getEnvironment" | "invokeUnknown">;

/** The spec part a call's trace entries name. */
const specOf = (method: GatedMethod): SpecRef => JSAPI_TABLE[method].section;

/** `getAppInfo().instanceId`: Tencent's device-type id of the platform (APPINFO). */
const DEVICE_TYPE: Readonly<Record<PState["p"]["platform"], number>> = {
  Windows: 1,
  Mac: 2,
  Android: 3,
  iOS: 4,
  Linux: 10,
};

/**
 * The host API served to instance `inst`; every method resolves to a `HostResult`. `notify`
 * (the client's handling notices, decision 0306) is not an app call: it records trace entries
 * of its own (`notices.ts`), never a `call`.
 */
export function createHostApi(
  st: MeetingState,
  auth: MeetingAuth,
  inst: IState,
): WemeetHostApi & WemeetNoticeApi {
  const gated = <T>(
    method: GatedMethod,
    spec: SpecRef,
    args: unknown,
    run: (ps: PState) => HostResult<T> | Promise<HostResult<T>>,
  ): Promise<HostResult<T>> => {
    const gate = API_GATES[method];
    return traced<T>(
      st,
      { name: gate.name, spec, participantId: inst.pid, instanceId: inst.id, args },
      () => {
        if (inst.closed) {
          return fail(
            "INSTANCE_CLOSED",
            `app instance ${inst.id} is closed (${inst.closeReason}); the client no longer serves it`,
          );
        }
        const ps = person(st, inst.pid);
        const entry = JSAPI_TABLE[method];
        const err = callGateError<T>(st, inst, ps, entry) ?? paramsError<T>(entry, args);
        if (err) return err;
        if (args !== null && typeof args === "object") {
          const page = reportedPageUrl(args, inst.origin);
          if (page.problem) return fail("INVALID_ARGUMENT", `${gate.name}: ${page.problem}`);
          if (page.url) inst.url = page.url;
        }
        return run(ps);
      },
    );
  };

  /** `permission.agentConfig` / `permission.config`: verify the signature, then authorise. */
  const authorize = (
    method: "permissionAgentConfig" | "permissionConfig",
    via: "agentConfig" | "config",
    args: unknown,
  ): Promise<HostResult<null>> =>
    gated(method, "A4", args, async () => {
      const a = asRecord(args);
      const r = await auth.verifySignature({
        sdkId: a.sdkId,
        corpId: a.corpId,
        signature: a.signature,
        nonceStr: a.nonceStr,
        timestamp: a.timestamp,
        url: inst.url,
        openId: person(st, inst.pid).p.openId,
      });
      if (r.ok) {
        inst.authorized = true;
        recordState(st, "instance.authorized", { via }, instanceIds(inst), "A4");
      }
      return r;
    });

  // Hoisted: the hottest call allocates no handler per call.
  const getContext = (): HostResult<{ activeID: string; url: string }> =>
    st.session
      ? ok({ activeID: st.session.activeId, url: st.session.url })
      : fail("NO_ACTIVE_SESSION", "there is no active 一起用 session");

  const fromTable = Object.fromEntries(
    (Object.keys(TABLE_HANDLERS) as (keyof ApiHandlers)[]).map((method) => [
      method,
      (args: unknown) =>
        gated(method, specOf(method), args ?? null, (ps) =>
          TABLE_HANDLERS[method]({ st, auth, inst, ps }, asRecord(args)),
        ),
    ]),
  ) as unknown as Pick<WemeetHostApi, keyof ApiHandlers>;

  return {
    ...fromTable,
    getEnvironment(): Promise<HostEnvironment> {
      const ps = st.people.get(inst.pid);
      const p = ps?.p ?? {
        clientVersion: DEFAULT_CLIENT_VERSION,
        platform: "Mac" as const,
        language: "zh-CN",
        district: 0 as const,
      };
      const env = environmentFor(p, inst.id);
      st.trace.record({
        kind: "call",
        name: "environment",
        data: env,
        spec: "A1",
        participantId: inst.pid,
        instanceId: inst.id,
      });
      return Promise.resolve(env);
    },

    collaborationStart(args) {
      return gated("collaborationStart", "A3", args, (ps) => {
        const a = asRecord(args);
        const bad = a.url === undefined ? "" : appUrlProblem(a.url, "collaboration.start: url");
        if (bad) return fail("INVALID_ARGUMENT", bad);
        return startSession(st, ps, inst, a.url as string | undefined);
      });
    },

    collaborationEnd(args) {
      return gated("collaborationEnd", "A3", args, (ps) => endSession(st, ps));
    },

    collaborationJoin() {
      return gated("collaborationJoin", "A3", null, (ps) => joinSession(st, ps, inst));
    },

    collaborationLeave() {
      return gated("collaborationLeave", "A3", null, (ps) => leaveSession(st, ps));
    },

    collaborationGetContext() {
      return gated("collaborationGetContext", "A2", null, getContext);
    },

    collaborationSetConfig(args) {
      return gated("collaborationSetConfig", "A2", args, (ps) => {
        const a = asRecord(args);
        const bad = a.url === undefined ? "" : appUrlProblem(a.url, "setCollaborationConfig: url");
        if (bad) return fail("INVALID_ARGUMENT", bad);
        if (a.visible !== undefined && typeof a.visible !== "boolean") {
          return fail("INVALID_ARGUMENT", "setCollaborationConfig: visible must be a boolean");
        }
        if (typeof a.url === "string") inst.config.url = a.url;
        if (typeof a.visible === "boolean") inst.config.visible = a.visible;
        // Decision: the starter's session instance changing the url changes what later
        // joiners open.
        const s = st.session;
        if (s && s.starterId === ps.p.id && inSession(st, inst) && a.url) {
          s.url = a.url as string;
        }
        recordState(
          st,
          "instance.collaborationConfig",
          { ...inst.config },
          instanceIds(inst),
          "A2",
        );
        return ok(null);
      });
    },

    appGetRunningContext() {
      return gated("appGetRunningContext", "A2", null, (ps) => {
        const scene = sceneOf(st, inst);
        const ctx: RunningContext = {
          scene: scene === "inMeeting" ? st.decisions.inMeetingScene : scene,
        };
        if (compareVersions(ps.p.clientVersion, RUNNING_CONTEXT_IDS_SINCE) >= 0) {
          ctx.msMeetingId = st.meetingId;
          ctx.msOpenId = ps.p.msOpenId;
          ctx.deviceId = ps.p.deviceId;
        }
        return ok(ctx);
      });
    },

    appGetAppInfo() {
      return gated("appGetAppInfo", "A4", null, (ps) =>
        ok({
          appVersion: ps.p.clientVersion,
          clientLanguage: ps.p.language,
          instanceId: DEVICE_TYPE[ps.p.platform],
        }),
      );
    },

    permissionAgentConfig: (args) => authorize("permissionAgentConfig", "agentConfig", args),

    permissionConfig: (args) => authorize("permissionConfig", "config", args),

    notify: (notice) => Promise.resolve(recordNotice(st, inst, notice)),

    invokeUnknown(args) {
      const a = asRecord(args);
      const path = typeof a.path === "string" && a.path !== "" ? a.path : "<invalid path>";
      const callArgs = Array.isArray(a.args) ? a.args : [];
      return traced<unknown>(
        st,
        {
          name: path,
          spec: "A4",
          participantId: inst.pid,
          instanceId: inst.id,
          args: { unknown: true, args: callArgs },
        },
        async () => {
          if (inst.closed) {
            return fail("INSTANCE_CLOSED", `app instance ${inst.id} is closed`);
          }
          if (path === "<invalid path>") {
            return fail("INVALID_ARGUMENT", "invokeUnknown needs a non-empty string path");
          }
          const policy = st.decisions.unknownCalls;
          if (policy === "resolve") return ok(undefined);
          if (policy === "reject") {
            return fail("NOT_EMULATED", `${path} is not emulated by Yiqi`);
          }
          const r = await policy({
            path,
            args: callArgs,
            participantId: inst.pid,
            instanceId: inst.id,
          });
          if (!isRecord(r) || typeof r.ok !== "boolean") {
            return fail(
              "NOT_EMULATED",
              `${path}: the custom unknownCalls policy returned no HostResult`,
            );
          }
          return r;
        },
      );
    },
  };
}
