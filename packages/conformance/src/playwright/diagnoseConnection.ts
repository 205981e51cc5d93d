/**
 * Why a participant's app has not connected, from what the page and the network showed: the
 * app page's load (HTTP status or network error), whether it loaded the wemeet SDK, and the
 * bridge's handshake refusals. Pure data in, one coded verdict out.
 *
 * @module
 */
import type { YiqiFixtureErrorCode } from "./YiqiFixtureError.ts";

/** How the app page's last navigation ended, as the browser saw it. */
export type NavigationOutcome =
  | { status: number; statusText: string; body?: string }
  | { failure: string };

/** What is known about one participant whose app instance is not connected. */
export interface ConnectionFacts {
  participantId: string;
  nickname: string;
  /** Whether the client has the app open for them (an app slot). */
  appOpen: boolean;
  /** The app frame's URL, or null when the page has no frame for them. */
  frameUrl: string | null;
  /** The frame's last navigation, or null while it has not answered. */
  navigation: NavigationOutcome | null;
  /** The frame requested Tencent's SDK URL or the harness's `/wemeet-js-sdk.js`. */
  sdkRequested: boolean;
  /** The bridge traced something of this frame other than a refusal (a handshake, a call). */
  bridgeSeen: boolean;
  /** The bridge's handshake refusals of this frame, oldest first. */
  refusals: { code: string; message: string }[];
  /** Whether the frame still runs scripts (null: not checked). */
  answers: boolean | null;
  /**
   * The participant's latest `meeting.ui` action the client refused (e.g. a click on a pane
   * button), as `ui.join: NO_ACTIVE_SESSION: ...`; null when none.
   */
  lastRefusedUi: string | null;
}

/** A verdict: the error code and the message (naming the participant). */
export interface ConnectionVerdict {
  code: YiqiFixtureErrorCode;
  message: string;
  /** The bridge's own code, for a refused handshake. */
  reason?: string;
}

const who = (f: ConnectionFacts): string => `${f.nickname} (${f.participantId})`;

/**
 * A verdict that waiting longer cannot change (the page failed to load, the handshake was
 * refused), or undefined while the app may still connect.
 */
export function finalVerdict(f: ConnectionFacts): ConnectionVerdict | undefined {
  const refusal = f.refusals.at(-1);
  if (refusal) {
    return {
      code: "HANDSHAKE_REFUSED",
      reason: refusal.code,
      message: `${who(f)}: the host refused the app's handshake: ${refusal.code}: ${refusal.message}`,
    };
  }
  const nav = f.navigation;
  const at = f.frameUrl ?? "its URL";
  if (nav && "failure" in nav) {
    return {
      code: "APP_UNREACHABLE",
      message: `${who(f)}: the app page ${at} did not load: network error ${nav.failure}. Start the app's server, or check appUrl`,
    };
  }
  if (nav && nav.status >= 400) {
    const body = nav.body?.trim().split("\n")[0];
    return {
      code: "APP_UNREACHABLE",
      message: `${who(f)}: the app page ${at} answered HTTP ${nav.status}${nav.statusText ? ` ${nav.statusText}` : ""}${body ? ` (${body})` : ""}. Start the app's server, or check appUrl`,
    };
  }
  return undefined;
}

/** Why `f`'s app did not connect within `timeoutMs`, with their latest refused UI action. */
export function diagnoseConnection(f: ConnectionFacts, timeoutMs: number): ConnectionVerdict {
  const v = verdictAtTimeout(f, timeoutMs);
  if (f.lastRefusedUi && v.code !== "HANDSHAKE_REFUSED" && v.code !== "APP_UNREACHABLE")
    v.message += ` (the client refused ${f.nickname}'s ${f.lastRefusedUi})`;
  return v;
}

function verdictAtTimeout(f: ConnectionFacts, timeoutMs: number): ConnectionVerdict {
  const final = finalVerdict(f);
  if (final) return final;
  const within = `within ${timeoutMs / 1000} s`;
  if (!f.appOpen) {
    return {
      code: "NOT_CONNECTED",
      message: `${who(f)} has no app open ${within}: open it (meeting.ui("openApp", "${f.nickname}")) or join the session first`,
    };
  }
  if (f.frameUrl === null) {
    return {
      code: "NOT_CONNECTED",
      message: `${who(f)} has the app open but the harness gave them no app frame ${within}: see the problems the harness page shows`,
    };
  }
  if (f.navigation === null) {
    return {
      code: "NOT_CONNECTED",
      message: `${who(f)}: the app page ${f.frameUrl} did not finish loading ${within}`,
    };
  }
  const loaded = "status" in f.navigation ? ` (HTTP ${f.navigation.status})` : "";
  const busy =
    f.answers === false
      ? "; the page does not answer either: a busy loop, or a load that never finishes?"
      : "";
  if (!f.sdkRequested && !f.bridgeSeen) {
    return {
      code: "NO_SDK",
      message: `${who(f)}: the app page loaded${loaded} but never loaded the wemeet SDK ${within}: does it load https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-<version>.js (or @yiqi/jsapi) when navigator.userAgent has app/tencent_wemeet?${busy}`,
    };
  }
  return {
    code: "NOT_CONNECTED",
    message: `${who(f)}: the app loaded the wemeet SDK but did not connect to the host ${within}${busy}`,
  };
}
