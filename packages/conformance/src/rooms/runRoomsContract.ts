/**
 * The framework-free runner of the Rooms control API contract: point it at any endpoint (the
 * emulator, a real device) with a URL and password.
 *
 * @module
 */
import {
  actionSince,
  authProtocol,
  isVersionAtLeast,
  type RoomsResult,
  type WebSocketConstructorLike,
} from "@yiqi/rooms-rpc";
import { type Given, type RequestCase, type RoomsCase, roomsContractCases } from "./cases.ts";
import type { CaseContext } from "./context.ts";
import {
  attendeeMeeting,
  deviceSwitch,
  expectCall,
  hostMeeting,
  joinMeeting,
  leaveAny,
  SetupFailure,
  type SetupPort,
} from "./setup.ts";
import { type Frame, HandshakeRefused, WireSession } from "./WireSession.ts";
import { sendAndCollect, sendBinary, waitEvent } from "./wireChecks.ts";

/** Options of {@link runRoomsContract}. */
export interface RoomsContractOptions {
  /** The endpoint, e.g. `ws://192.168.1.20:6295`. */
  url: string;
  /** The control API password. */
  password: string;
  /** WebSocket class (default `globalThis.WebSocket`; on Node 20 pass `ws`'s). */
  WebSocket?: WebSocketConstructorLike;
  /** Per-request timeout (default 5000 ms). */
  timeoutMs?: number;
  /** Meeting code used to enter a meeting for "in a meeting" cases (default `100200300`). */
  meetingCode?: string;
  /** The device's Rooms version when known: actions newer than it must answer 9. */
  roomsVersion?: string;
  /** The cases to run (default: all of {@link roomsContractCases}). */
  cases?: readonly RoomsCase[];
  /** Called after each case. */
  onResult?: (result: CaseResult) => void;
}

/** The outcome of one case. */
export interface CaseResult {
  name: string;
  ok: boolean;
  /** Why it failed. */
  problem?: string;
  /** The case checks an emulator decision (real devices may differ). */
  decision: boolean;
  ms: number;
}

/** The outcome of a run. */
export interface RoomsContractReport {
  results: CaseResult[];
  passed: number;
  failed: number;
  /** `N passed, N failed`. */
  summary: string;
}

/**
 * One line for a case result: `ok   <name>` or `FAIL <name>: <problem>`.
 *
 * @example
 * ```ts
 * await runRoomsContract({ url, password, onResult: (r) => console.log(formatCaseResult(r)) });
 * ```
 */
export function formatCaseResult(r: CaseResult): string {
  const tag = r.decision ? " [emulator decision]" : "";
  return r.ok ? `ok   ${r.name}${tag}` : `FAIL ${r.name}${tag}: ${r.problem}`;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

class Failure extends SetupFailure {}

class Runner implements CaseContext {
  readonly #o: Required<
    Pick<RoomsContractOptions, "url" | "password" | "timeoutMs" | "meetingCode">
  > &
    RoomsContractOptions;
  readonly #WS: WebSocketConstructorLike;
  readonly #prefix = `yiqi-contract-${Date.now().toString(36)}-`;
  #seq = 0;
  session: WireSession | undefined;

  constructor(o: RoomsContractOptions, WS: WebSocketConstructorLike) {
    this.#o = { timeoutMs: 5000, meetingCode: "100200300", ...o };
    this.#WS = WS;
  }

  nextId(): string {
    return this.#prefix + ++this.#seq;
  }

  get #port(): SetupPort {
    return {
      request: (method, params) => this.request(method, params),
      timeoutMs: this.#o.timeoutMs,
      meetingCode: this.#o.meetingCode,
    };
  }

  async expectEvent(
    module: string,
    subEvent: string,
    trigger: () => Promise<unknown>,
  ): Promise<Record<string, unknown>> {
    const s = this.#main();
    const r = await this.request("Subscribe", { path: [module] });
    if (r.error_code !== 0) throw new Failure(`Subscribe ["${module}"] answered ${r.error_code}`);
    try {
      const from = s.frames.length;
      await trigger();
      const params = await waitEvent(s, module, subEvent, from, this.#o.timeoutMs);
      if (!params)
        throw new Failure(`no Event/${module} ${subEvent} within ${this.#o.timeoutMs} ms`);
      return params;
    } finally {
      await this.request("Unsubscribe", { path: [module] });
    }
  }

  async requestText(method: string, params: Record<string, unknown>, id: string): Promise<string> {
    const frame = await this.#main().request(
      { jsonrpc: "2.0", id, method, params },
      this.#o.timeoutMs,
    );
    if (!frame)
      throw new Failure(`no answer to ${method} (id ${id}) within ${this.#o.timeoutMs} ms`);
    return frame.text;
  }

  sendAndCollect(texts: readonly string[], waitMs: number): Promise<Frame[]> {
    return sendAndCollect(this.#main(), texts, waitMs);
  }

  sendBinary(bytes: Uint8Array): Promise<Frame | undefined> {
    return sendBinary(this.#main(), bytes, this.#o.timeoutMs);
  }

  supports(module: string, action: string): boolean {
    const since = actionSince(module, action);
    const v = this.#o.roomsVersion;
    return since === undefined || v === undefined || isVersionAtLeast(v, since);
  }

  async openMain(): Promise<void> {
    this.session = await WireSession.open(
      this.#o.url,
      [authProtocol(this.#o.password)],
      this.#WS,
      this.#o.timeoutMs,
    );
  }

  #main(): WireSession {
    if (!this.session || this.session.closeInfo)
      throw new Failure(
        `the main connection is closed${this.session?.closeInfo ? ` (code ${this.session.closeInfo.code})` : ""}`,
      );
    return this.session;
  }

  async request(
    method: string,
    params: Record<string, unknown>,
    id: string | number = this.nextId(),
  ): Promise<RoomsResult> {
    const frame = await this.#main().request(
      { jsonrpc: "2.0", id, method, params },
      this.#o.timeoutMs,
    );
    if (!frame)
      throw new Failure(`no answer to ${method} (id ${id}) within ${this.#o.timeoutMs} ms`);
    const m = frame.json as Record<string, unknown>;
    if (m.jsonrpc !== "2.0") throw new Failure(`answer lacks "jsonrpc": "2.0": ${frame.text}`);
    if (m.id !== id)
      throw new Failure(`answer does not echo id ${JSON.stringify(id)}: ${frame.text}`);
    if (m.method !== method)
      throw new Failure(`answer does not echo method ${JSON.stringify(method)}: ${frame.text}`);
    if (m.error !== undefined)
      throw new Failure(`expected an in-band result, got a JSON-RPC error: ${frame.text}`);
    const r = m.result;
    if (!isObj(r) || typeof r.error_code !== "number")
      throw new Failure(`answer lacks result.error_code: ${frame.text}`);
    if (typeof r.message !== "string")
      throw new Failure(`answer lacks result.message: ${frame.text}`);
    if (
      method.startsWith("Call/") &&
      typeof params.action === "string" &&
      r.action !== params.action &&
      // Tencent's TestSpeaker example answers "action": "CheckSpeaker" (sic).
      !(params.action === "TestSpeaker" && r.action === "CheckSpeaker")
    )
      throw new Failure(
        `answer does not echo action ${JSON.stringify(params.action)}: ${frame.text}`,
      );
    return r as unknown as RoomsResult;
  }

  async sendRaw(text: string): Promise<Frame> {
    const s = this.#main();
    const from = s.frames.length;
    s.send(text);
    const frame = await s.next(() => true, this.#o.timeoutMs, from);
    if (!frame) throw new Failure(`no answer to the frame ${text} within ${this.#o.timeoutMs} ms`);
    return frame;
  }

  #expectCall(
    module: string,
    action: string,
    params: Record<string, unknown> | undefined,
    ok: number[],
  ): Promise<RoomsResult> {
    return expectCall(this.#port, module, action, params, ok);
  }

  async isSharing(): Promise<boolean> {
    const r = await this.request("Query", { path: ["Share"] });
    const share = isObj(r.data) ? r.data.share : undefined;
    const info = isObj(share) ? share.share_info : undefined;
    if (r.error_code !== 0 || !isObj(info))
      throw new Failure(`Query ["Share"] answered ${r.error_code} without share_info`);
    return info.is_sharing === true;
  }

  async ensure(given: readonly Given[]): Promise<void> {
    const modern = this.supports("Share", "StartShare");
    const port = this.#port;
    for (const g of given) {
      if (g === "inMeeting") await joinMeeting(port);
      else if (g === "notInMeeting") await leaveAny(port);
      else if (g === "hostMeeting") await hostMeeting(port);
      else if (g === "attendeeMeeting") await attendeeMeeting(port);
      else if (g === "cameraOn" || g === "cameraOff")
        await deviceSwitch(port, "Camera", g === "cameraOn");
      else if (g === "micOn" || g === "micOff") await deviceSwitch(port, "Mic", g === "micOn");
      else if (g === "sharing") {
        if (!(await this.isSharing()))
          await (modern
            ? this.#expectCall("Share", "StartShare", { share_type: 0, fluency_first: true }, [0])
            : this.#expectCall(
                "Share",
                "StartWindowShare",
                { share_voice: false, fluency_first: true },
                [0],
              ));
      } else if (g === "notSharing") {
        if (await this.isSharing())
          await this.#expectCall("Share", modern ? "StopShare" : "StopWindowShare", undefined, [0]);
      } else if (g === "guideOpen")
        await this.#expectCall("Share", "OpenShareGuide", undefined, [0, 17]);
      else await this.#expectCall("Share", "CloseShareGuide", undefined, [0, 17]);
    }
  }

  async expectAuthRefused(protocols: string[]): Promise<void> {
    let s: WireSession;
    try {
      s = await WireSession.open(this.#o.url, protocols, this.#WS, this.#o.timeoutMs);
    } catch (e) {
      if (e instanceof HandshakeRefused) return;
      throw e;
    }
    try {
      const id = this.nextId();
      const frame = await s.request(
        { jsonrpc: "2.0", id, method: "Query", params: { path: ["Share"] } },
        this.#o.timeoutMs,
      );
      if (!frame) {
        if (s.closeInfo) return; // closed without answering: refused
        throw new Failure(`no answer and no close within ${this.#o.timeoutMs} ms`);
      }
      const r = (frame.json as { result?: { error_code?: unknown } }).result;
      if (r?.error_code === 5 || r?.error_code === 16) return;
      throw new Failure(`an unauthenticated request was answered: ${frame.text}`);
    } finally {
      await s.close();
    }
  }

  async expectShareEvents(): Promise<void> {
    await this.ensure(["inMeeting", "notSharing"]);
    const s = this.#main();
    let r = await this.request("Subscribe", { path: ["Share"] });
    if (r.error_code !== 0) throw new Failure(`Subscribe ["Share"] answered ${r.error_code}`);
    const isShareEvent = (f: Frame) =>
      isObj(f.json) && f.json.method === "Event/Share" && f.json.id === undefined;
    let from = s.frames.length;
    await this.ensure(["sharing"]);
    const event = await s.next(
      (f) => {
        if (!isShareEvent(f)) return false;
        const p = (f.json as { params?: Record<string, unknown> }).params;
        return (
          p?.sub_event === "ShareInfoChanged" &&
          isObj(p.share_info) &&
          p.share_info.is_sharing === true
        );
      },
      this.#o.timeoutMs,
      from,
    );
    if (!event)
      throw new Failure("no Event/Share ShareInfoChanged with is_sharing true after StartShare");
    r = await this.request("Unsubscribe", { path: ["Share"] });
    if (r.error_code !== 0) throw new Failure(`Unsubscribe ["Share"] answered ${r.error_code}`);
    from = s.frames.length;
    await this.ensure(["notSharing"]);
    const late = await s.next(isShareEvent, 300, from);
    if (late) throw new Failure(`an event arrived after Unsubscribe: ${late.text}`);
  }

  async runRequestCase(c: RequestCase): Promise<void> {
    const send = c.send;
    if ("raw" in send) {
      if (!("jsonrpc_error" in c.expect))
        throw new Failure("a raw case must expect a JSON-RPC error");
      const frame = await this.sendRaw(send.raw);
      const m = frame.json;
      if (!isObj(m) || !isObj(m.error) || m.error.code !== c.expect.jsonrpc_error)
        throw new Failure(`expected a JSON-RPC error ${c.expect.jsonrpc_error}, got ${frame.text}`);
      if (m.jsonrpc !== "2.0") throw new Failure(`the error lacks "jsonrpc": "2.0": ${frame.text}`);
      return;
    }
    if ("jsonrpc_error" in c.expect)
      throw new Failure("a request case must expect an in-band result");
    const params = send.params ?? {};
    const module = send.method.startsWith("Call/") ? send.method.slice(5) : undefined;
    const action = typeof params.action === "string" ? params.action : undefined;
    const unsupported =
      module !== undefined && action !== undefined && !this.supports(module, action);
    if (!unsupported) await this.ensure(c.given ?? []);
    const r = await this.request(send.method, params, send.id);
    const expected = unsupported ? 9 : c.expect.error_code;
    if (r.error_code !== expected)
      throw new Failure(
        `expected error_code ${expected}, got ${r.error_code} (${JSON.stringify(r.message)})`,
      );
    if (unsupported) return;
    const problem = c.expect.check?.(r);
    if (problem) throw new Failure(problem);
    const sharing = c.expect.after?.sharing;
    if (sharing !== undefined && (await this.isSharing()) !== sharing)
      throw new Failure(`afterwards is_sharing should be ${sharing}`);
  }

  async cleanup(): Promise<void> {
    if (!this.session || this.session.closeInfo) return;
    try {
      await this.ensure(["notSharing", "guideClosed", "notInMeeting"]);
    } catch {
      // Best effort: leave the device as close to idle as it lets us.
    }
    await this.session.close();
  }
}

/**
 * Runs the contract against an endpoint and resolves to a report; never throws for a failing
 * device (every problem becomes a failed case), never skips a case.
 *
 * @example
 * ```ts
 * import { runRoomsContract, formatCaseResult } from "@yiqi/conformance";
 * import { WebSocket } from "@yiqi/rooms-rpc/node";
 *
 * const report = await runRoomsContract({
 *   url: "ws://127.0.0.1:6295",
 *   password: "123456",
 *   WebSocket,
 *   onResult: (r) => console.log(formatCaseResult(r)),
 * });
 * console.log(report.summary); // "52 passed, 0 failed"
 * ```
 */
export async function runRoomsContract(
  options: RoomsContractOptions,
): Promise<RoomsContractReport> {
  const WS =
    options.WebSocket ??
    (globalThis as unknown as { WebSocket?: WebSocketConstructorLike }).WebSocket;
  const cases = options.cases ?? roomsContractCases;
  const results: CaseResult[] = [];
  const record = (r: CaseResult): void => {
    results.push(r);
    options.onResult?.(r);
  };
  if (!WS) {
    for (const c of cases)
      record({
        name: c.name,
        ok: false,
        problem: "no WebSocket implementation: pass options.WebSocket",
        decision: c.decision === true,
        ms: 0,
      });
    return report(results);
  }
  const runner = new Runner(options, WS);
  let openProblem: string | undefined;
  try {
    await runner.openMain();
  } catch (e) {
    openProblem = `cannot connect to ${options.url}: ${(e as Error).message}`;
  }
  for (const c of cases) {
    const started = Date.now();
    let problem = openProblem;
    if (!problem) {
      try {
        if ("run" in c) await c.run(runner);
        else await runner.runRequestCase(c);
      } catch (e) {
        problem = (e as Error).message;
      }
    }
    record({
      name: c.name,
      ok: problem === undefined,
      ...(problem !== undefined ? { problem } : {}),
      decision: c.decision === true,
      ms: Date.now() - started,
    });
  }
  await runner.cleanup();
  return report(results);
}

const report = (results: CaseResult[]): RoomsContractReport => {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  return { results, passed, failed, summary: `${passed} passed, ${failed} failed` };
};
