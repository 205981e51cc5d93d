/**
 * A scripted wemeet host for the browser suites and benchmarks: serves `WemeetHostApi` from
 * fixed answers to one app frame over `@yiqi/bridge`, as `@yiqi/jsapi`'s unit tests do. It is
 * one {@link AttachWemeet} implementation; the meeting simulator's adapter (`@yiqi/mock-host`'s
 * `attachApp`) can be swapped in wherever a page takes an `AttachWemeet`.
 *
 * @module
 */
import { type BridgeHost, createHost, windowHostTransport } from "@yiqi/bridge";
import {
  HOST_METHODS,
  type HostEnvironment,
  type HostResult,
  WEMEET_NAMESPACE,
  WEMEET_PROTOCOL,
  type WemeetHostApi,
} from "@yiqi/jsapi";

/** Attaches a wemeet host to one app frame and returns its bridge host. */
export type AttachWemeet = (iframe: HTMLIFrameElement, index: number) => BridgeHost;

/** The client the scripted host pretends to be (sent as the welcome's `info`). */
export const SCRIPTED_ENVIRONMENT: HostEnvironment = {
  clientVersion: "3.12.1.500",
  platform: "Mac",
  language: "zh-CN",
  userAgent: "Mozilla/5.0 app/tencent_wemeet app_version/3.12.1.500",
  instanceId: "scripted-1",
};

/** The `getContext` answer of the scripted host. */
export const SCRIPTED_CONTEXT = { activeID: "active-1", url: "https://app.example/session" };

const ok = <T>(value: T): HostResult<T> => ({ ok: true, value });

/** Options of {@link scriptedWemeetApi}. */
export interface ScriptedWemeetOptions {
  /** Answers by method (default: `ok(null)`; `collaborationGetContext`: {@link SCRIPTED_CONTEXT}). */
  answers?: Partial<Record<keyof WemeetHostApi, HostResult<unknown>>>;
  /** Sees every call, e.g. to record it. */
  onCall?: (method: keyof WemeetHostApi, args: unknown[]) => void;
}

/** A `WemeetHostApi` that answers from `answers`. */
export function scriptedWemeetApi(options: ScriptedWemeetOptions = {}): WemeetHostApi {
  const answers: Partial<Record<keyof WemeetHostApi, HostResult<unknown>>> = {
    collaborationGetContext: ok(SCRIPTED_CONTEXT),
    ...options.answers,
  };
  const table: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of HOST_METHODS)
    table[method] = async (...args: unknown[]) => {
      options.onCall?.(method, args);
      return method === "getEnvironment" ? SCRIPTED_ENVIRONMENT : (answers[method] ?? ok(null));
    };
  return table as unknown as WemeetHostApi;
}

/** An {@link AttachWemeet} serving {@link scriptedWemeetApi} to each frame. */
export function scriptedAttach(options: ScriptedWemeetOptions = {}): AttachWemeet {
  return (iframe) =>
    createHost<WemeetHostApi>({
      transport: windowHostTransport(iframe),
      namespace: WEMEET_NAMESPACE,
      protocol: WEMEET_PROTOCOL,
      methods: HOST_METHODS,
      info: () => SCRIPTED_ENVIRONMENT,
      expose: () => scriptedWemeetApi(options),
    });
}
