/**
 * `ContractRunner`: the {@link CaseContext} the Rooms contract cases run on: the main session,
 * checked requests, the states cases ask for (`ensure`) and the auth and event checks.
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
import { expectAuthRefused } from "./authChecks.ts";
import { isObj } from "./caseHelpers.ts";
import type { Given } from "./cases.ts";
import { type CaseContext, CaseFailure } from "./context.ts";
import { type EventCheckPort, expectEvent, expectShareEvents } from "./eventChecks.ts";
import type { RoomsContractOptions } from "./RoomsContractOptions.ts";
import {
  attendeeMeeting,
  deviceSwitch,
  expectCall,
  hostMeeting,
  joinMeeting,
  leaveAny,
  type SetupPort,
} from "./setup.ts";
import { type Frame, WireSession } from "./WireSession.ts";
import { sendAndCollect, sendBinary } from "./wireChecks.ts";

/**
 * Runs cases against one endpoint over one main session.
 *
 * @example
 * ```ts
 * const runner = new ContractRunner({ url, password }, WebSocket);
 * await runner.openMain();
 * await runner.ensure(["inMeeting"]);
 * await runner.cleanup();
 * ```
 */
export class ContractRunner implements CaseContext {
  readonly #o: Required<
    Pick<RoomsContractOptions, "url" | "password" | "timeoutMs" | "meetingCode">
  > &
    RoomsContractOptions;
  readonly #WS: WebSocketConstructorLike;
  readonly #prefix = `yiqi-contract-${Date.now().toString(36)}-`;
  #seq = 0;
  /** The main session, once {@link openMain} succeeded. */
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

  get #events(): EventCheckPort {
    return {
      main: () => this.#main(),
      request: (method, params) => this.request(method, params),
      ensure: (given) => this.ensure(given),
      timeoutMs: this.#o.timeoutMs,
    };
  }

  expectEvent(
    module: string,
    subEvent: string,
    trigger: () => Promise<unknown>,
  ): Promise<Record<string, unknown>> {
    return expectEvent(this.#events, module, subEvent, trigger);
  }

  async requestText(method: string, params: Record<string, unknown>, id: string): Promise<string> {
    const frame = await this.#main().request(
      { jsonrpc: "2.0", id, method, params },
      this.#o.timeoutMs,
    );
    if (!frame)
      throw new CaseFailure(`no answer to ${method} (id ${id}) within ${this.#o.timeoutMs} ms`);
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

  /** Opens the main session with the configured password; rejects when it cannot. */
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
      throw new CaseFailure(
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
      throw new CaseFailure(`no answer to ${method} (id ${id}) within ${this.#o.timeoutMs} ms`);
    const m = frame.json as Record<string, unknown>;
    if (m.jsonrpc !== "2.0") throw new CaseFailure(`answer lacks "jsonrpc": "2.0": ${frame.text}`);
    if (m.id !== id)
      throw new CaseFailure(`answer does not echo id ${JSON.stringify(id)}: ${frame.text}`);
    if (m.method !== method)
      throw new CaseFailure(`answer does not echo method ${JSON.stringify(method)}: ${frame.text}`);
    if (m.error !== undefined)
      throw new CaseFailure(`expected an in-band result, got a JSON-RPC error: ${frame.text}`);
    const r = m.result;
    if (!isObj(r) || typeof r.error_code !== "number")
      throw new CaseFailure(`answer lacks result.error_code: ${frame.text}`);
    if (typeof r.message !== "string")
      throw new CaseFailure(`answer lacks result.message: ${frame.text}`);
    if (
      method.startsWith("Call/") &&
      typeof params.action === "string" &&
      r.action !== params.action &&
      // Tencent's TestSpeaker example answers "action": "CheckSpeaker" (sic).
      !(params.action === "TestSpeaker" && r.action === "CheckSpeaker")
    )
      throw new CaseFailure(
        `answer does not echo action ${JSON.stringify(params.action)}: ${frame.text}`,
      );
    return r as unknown as RoomsResult;
  }

  async sendRaw(text: string): Promise<Frame> {
    const s = this.#main();
    const from = s.frames.length;
    s.send(text);
    const frame = await s.next(() => true, this.#o.timeoutMs, from);
    if (!frame)
      throw new CaseFailure(`no answer to the frame ${text} within ${this.#o.timeoutMs} ms`);
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
      throw new CaseFailure(`Query ["Share"] answered ${r.error_code} without share_info`);
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

  expectAuthRefused(protocols: string[]): Promise<void> {
    return expectAuthRefused(
      {
        url: this.#o.url,
        WebSocket: this.#WS,
        timeoutMs: this.#o.timeoutMs,
        nextId: () => this.nextId(),
      },
      protocols,
    );
  }

  expectShareEvents(): Promise<void> {
    return expectShareEvents(this.#events);
  }

  /** Leaves the device as idle as it lets us (best effort) and closes the main session. */
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
