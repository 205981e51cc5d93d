/**
 * The functions the browser pages install on `window`, typed once for the pages and for the
 * specs and benchmark that call them with `page.evaluate` / `frame.evaluate`.
 *
 * @module
 */

import type { CollaborationChangeEvent, RoleType } from "@yiqi/jsapi";

/** The outcome of one contract case, run in the app frame. */
export type CaseResult = { ok: true } | { ok: false; message: string };

/** What a host page reports about its bridge host. */
export interface HostState {
  /** `BridgeHost.ignoredCount`: handshakes ignored because they came from another window. */
  ignoredCount: number;
  /** The current connection's id, or null before the handshake. */
  connectionId: string | null;
  /** The origin the current connection is bound to. */
  connectionOrigin: string | null;
  /** Host trace entries by kind (`call`, `rejected`, ...). */
  trace: Record<string, number>;
  /** Refused handshakes, by code, as `onError` saw them. */
  refused: string[];
  /** No script added to the host realm's `Object.prototype`. */
  prototypeClean: boolean;
  /** Uncaught errors and unhandled rejections in the host page. */
  errors: string[];
}

/** `window.contractHost` in `contract-host.html`. */
export interface ContractHostApi {
  /**
   * Attaches the app frame (`#app`) at `appUrl` with a host set up as the case `caseName` says
   * (`allowedOrigins: "other"` becomes `[otherOrigin]`); `allowedOrigins` overrides it.
   */
  start(options: {
    caseName?: string;
    appUrl: string;
    otherOrigin: string;
    allowedOrigins?: string[];
  }): Promise<void>;
  /** Adds another (unattached) frame with element id `id` and waits for it to load. */
  addFrame(url: string, id: string): Promise<void>;
  /** The host's state. */
  state(): HostState;
}

/** `window.contractApp` in `contract-app.html` (the legitimate app). */
export interface ContractAppApi {
  /** Runs one contract case against the host. */
  runCase(name: string): Promise<CaseResult>;
  /** Connects and calls `whoami`; the error code instead when it fails. */
  connect(timeout?: number): Promise<{ ok: true; whoami: string } | { ok: false; code: string }>;
  /** Posts `count` RPC envelopes (and prototype payloads) to the parent without a handshake. */
  postWithoutHandshake(count: number): number;
  /** Connects, then calls `add` in a loop for `ms` (one call in flight); counts the outcomes. */
  keepCalling(ms: number): Promise<{ ok: number; failed: string[] }>;
}

/** `window.hostile` in `hostile.html` (a frame that attacks the host or the app). */
export interface HostileApi {
  /** Posts `count` hellos "as the app" to the parent; resolves with what came back. */
  helloAsApp(count: number, waitMs: number): Promise<{ welcomes: number; rejects: number }>;
  /** Posts `count` junk, hello, RPC and prototype-path messages to the parent. */
  flood(count: number): number;
  /** Posts fake welcomes (with its own port) and rejects to the sibling frame `index`. */
  impersonateHost(index: number, count: number): number;
}

/** What the app's first `wemeet.collaboration.getContext()` came to. */
export type WemeetProbeResult =
  | { ok: true; value: unknown; ms: number }
  | { ok: false; code: string; errCode: number; message: string; ms: number };

/** `window.wemeetProbe` in `wemeet-app.html` (an unmodified app on the classic SDK). */
export interface WemeetProbeApi {
  /** `window.wemeet` was installed by the SDK script. */
  hasWemeet: boolean;
  /** The call made as the page loaded. */
  early(): Promise<WemeetProbeResult>;
  /** True once that call settled. */
  settled(): boolean;
  /** The `collaboration-change` payloads received so far. */
  events(): CollaborationChangeEvent[];
  /** Calls `wemeet.collaboration.getContext()` now. */
  getContext(): Promise<unknown>;
}

/** `window.wemeetHost` in `wemeet-host.html`: app frames attached to a wemeet host. */
export interface WemeetHostPageApi {
  /** Adds app frames `#app0..` at `url` without attaching hosts; resolves when loaded. */
  addApps(url: string, count: number): Promise<void>;
  /** Attaches a scripted wemeet host to frame `index` (or all). */
  attach(index?: number): void;
  /** Emits one `wemeet` event to frame `index` (or all connected). */
  emit(name: string, payload: unknown, index?: number): number;
  /** The host methods called so far, in order. */
  calls(): string[];
  /** Connection ids by frame (null before its handshake). */
  connections(): (string | null)[];
}

/** The globals the pages install. */
export interface PageGlobals {
  contractHost: ContractHostApi;
  contractApp: ContractAppApi;
  hostile: HostileApi;
  wemeetProbe: WemeetProbeApi;
  wemeetHost: WemeetHostPageApi;
  meetingHost: MeetingHostPageApi;
}

/**
 * The round trips the benchmark compares: a raw `MessagePort` echo (the floor), plain comlink
 * and `@yiqi/bridge` alone serving the same scripted method, and the full Yiqi stack
 * (`@yiqi/jsapi` -> bridge -> the meeting simulator).
 */
export type BenchMode = "raw" | "comlink" | "bridge" | "yiqi";

/** One fan-out delivery per frame: milliseconds from emit to listener, by path. */
export interface FanoutDeliveries {
  /** `collaboration-change` through the host's bridge connection and `@yiqi/jsapi`. */
  yiqi: number[];
  /** The same payload posted on a raw port (the floor). */
  raw: number[];
}

/** `window.benchApp` in `bench-app.html`. */
export interface BenchAppApi {
  /** Resolves once ports and the wemeet connection are up; true if cross-origin isolated. */
  ready(): Promise<boolean>;
  /** Interleaved rounds of sequential calls; per-call milliseconds by mode (warm-up dropped). */
  run(options: {
    rounds: number;
    calls: number;
    warmupRounds: number;
    /** The modes to run (default all). */
    modes?: BenchMode[];
  }): Promise<Record<BenchMode, number[]>>;
  /** Raw-port echoes of `payload` (the host posts it back as it is): per-call milliseconds. */
  echo(payload: unknown, count: number): Promise<number[]>;
  /** For each delivery received: this frame's clock minus the payload timestamp. */
  deliveries(): FanoutDeliveries;
}

/** `window.benchHost` in `bench-host.html`. */
export interface BenchHostApi {
  /** Embeds `count` app frames at `url` with wemeet hosts and bench ports; true if isolated. */
  setup(url: string, count: number): Promise<boolean>;
  /** Per frame: the best (lowest round trip) estimate of its clock minus this page's. */
  clockOffsets(pings: number): Promise<{ offset: number; rtt: number }[]>;
  /**
   * Emits `deliveries` collaboration-change events to every frame and the same payloads on
   * every frame's raw port, delivery d of each `gapMs` apart, the order alternating (yiqi first
   * on even d, raw first on odd), so both see the same conditions.
   */
  fanout(deliveries: number, gapMs: number, withIds?: boolean): Promise<number>;
}

/** `window.meetingHost` of `meeting-host.html`: the simulator serving real app frames. */
export interface MeetingHostPageApi {
  participants(): { id: string; msOpenId: string; nickname: string }[];
  addParticipant(nickname: string, role: RoleType, clientVersion: string): string;
  /** The participant opens the app in the client (an inMeeting frame appears). */
  openApp(participantId: string): boolean;
  /** The participant clicks 加入 (invitation) or 重新加入 (rejoin bar). */
  join(participantId: string): boolean;
  view(participantId: string): {
    app: { url: string; scene: string; key: string } | null;
    invitation: { activeId: string } | null;
    rejoinBar: { text: string } | null;
    statusBar: { text: string } | null;
    screenShare: { fromParticipantId: string } | null;
  };
  session(): { activeId: string; url: string; joined: string[] } | null;
  /** The id of the participant's current app iframe, or null when the client shows none. */
  frameId(participantId: string): string | null;
  openInstances(): string[];
  refused(): string[];
  traceNames(): string[];
}
