/**
 * A host over an in-memory bridge link for the client's tests: it serves every method of the
 * API table (and `extra` ones, such as `notify`), answers `getEnvironment` with the environment
 * and every other call with `answer`. Test-only (not built, not published to npm).
 *
 * @module
 */
import {
  type BridgeHost,
  createHost,
  createMemoryLink,
  type HostConnection,
  type MemoryLink,
} from "@yiqi/bridge";
import { HOST_METHODS } from "../apiTable.ts";
import {
  type HostEnvironment,
  type HostResult,
  WEMEET_EVENT,
  WEMEET_NAMESPACE,
  WEMEET_PROTOCOL,
} from "../types.ts";

/** The client environment the test hosts announce (client 3.12.1.500 on Mac). */
export const TEST_ENVIRONMENT: HostEnvironment = {
  clientVersion: "3.12.1.500",
  platform: "Mac",
  language: "zh-CN",
  userAgent: "x app/tencent_wemeet app_version/3.12.1.500",
  instanceId: "i1",
};

/** How a test host answers. */
export interface TestHostOptions {
  /** The host page's origin (the app's is `https://app.example`). */
  hostOrigin: string;
  /** What `getEnvironment` and the welcome carry (default {@link TEST_ENVIRONMENT}). */
  environment?: HostEnvironment;
  /** Sees every call, `getEnvironment` included, before it is answered. */
  onCall?(method: string, args: unknown[]): void;
  /** The answer to a call other than `getEnvironment` (default `ok(null)`). */
  answer?(method: string, args: unknown[]): unknown;
  /** Methods served besides the API table's. */
  extra?: Record<string, (...args: never[]) => Promise<unknown>>;
}

/** A running test host: its link (connect the client to `link.app`), the host, and `emit`. */
export interface TestHost {
  link: MemoryLink;
  host: BridgeHost;
  /** Sends a `wemeet` event message to the connected client. */
  emit(message: object): void;
}

const okNull: HostResult<null> = { ok: true, value: null };

/** Starts a test host (see {@link TestHostOptions}). */
export function startTestHost(options: TestHostOptions): TestHost {
  const environment = options.environment ?? TEST_ENVIRONMENT;
  const link = createMemoryLink({
    appOrigin: "https://app.example",
    hostOrigin: options.hostOrigin,
  });
  let conn: HostConnection | undefined;
  const api: Record<string, unknown> = {
    ...Object.fromEntries(
      HOST_METHODS.map((m) => [
        m,
        async (...args: unknown[]) => {
          options.onCall?.(m, args);
          return m === "getEnvironment" ? environment : (options.answer?.(m, args) ?? okNull);
        },
      ]),
    ),
    ...options.extra,
  };
  const host = createHost<Record<string, unknown>>({
    transport: link.host,
    namespace: WEMEET_NAMESPACE,
    protocol: WEMEET_PROTOCOL,
    methods: [...HOST_METHODS, ...Object.keys(options.extra ?? {})],
    info: () => environment,
    expose: (c) => {
      conn = c;
      return api;
    },
  });
  return { link, host, emit: (message) => conn?.emit(WEMEET_EVENT, message) };
}
