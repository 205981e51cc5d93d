/**
 * The network fence of a run (docs/decisions/0301) on a browser context: every request and
 * WebSocket that leaves the harness, the app's origin and the allowed origins is refused, and
 * each refused origin is recorded and reported once.
 *
 * @module
 */
import type { BrowserContext } from "playwright-core";
import type { BlockedRequest } from "../cert/RunRecord.ts";
import type { NetworkPolicy } from "./networkPolicy.ts";
import { participantOfUrl } from "./participantOfUrl.ts";

/** Refused origins kept per run. */
const MAX_BLOCKED = 100;

/**
 * Routes only the URLs `policy` refuses (allowed traffic pays nothing for the check): requests
 * are aborted `blockedbyclient`, WebSockets closed with 1008. The first refusal of each origin
 * goes into `blocked` and to `progress`, with the flag that allows it.
 */
export async function fenceNetwork(
  context: BrowserContext,
  policy: NetworkPolicy,
  blocked: Map<string, BlockedRequest>,
  progress: (line: string) => void,
): Promise<void> {
  const refuse = (url: string, frameUrl: string | undefined): void => {
    const origin = (() => {
      try {
        return new URL(url).origin;
      } catch {
        return url.slice(0, 200);
      }
    })();
    if (blocked.has(origin) || blocked.size >= MAX_BLOCKED) return;
    const pid = frameUrl === undefined ? undefined : participantOfUrl(frameUrl);
    blocked.set(origin, { url: url.slice(0, 500), ...(pid ? { participantId: pid } : {}) });
    progress(
      `· network: refused ${origin}${pid ? ` (from ${pid})` : ""}: the runner reaches only the harness and the app's origin; pass --allow-origin ${origin} to allow it`,
    );
  };
  await context.route(
    (url) => !policy.allows(url),
    (route, request) => {
      let frameUrl: string | undefined;
      try {
        frameUrl = request.frame().url();
      } catch {
        frameUrl = undefined;
      }
      refuse(request.url(), frameUrl);
      return route.abort("blockedbyclient");
    },
  );
  await context.routeWebSocket(
    (url) => !policy.allows(url),
    (ws) => {
      refuse(ws.url(), undefined);
      ws.close({ code: 1008, reason: "refused by yiqi certify: pass --allow-origin to allow" });
    },
  );
}
