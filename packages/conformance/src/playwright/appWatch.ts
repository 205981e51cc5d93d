/**
 * What the browser context shows of each participant's app page: how its last navigation ended
 * (status or network error) and whether it requested the wemeet SDK. Nothing is routed: the
 * harness server answers Tencent's SDK URL with the shim on every participant origin and
 * presents each participant's client user agent (decision 0008), as for any browser.
 *
 * @module
 */
import type { BrowserContext, Request, Response } from "@playwright/test";
import { participantOfUrl } from "../node/participantOfUrl.ts";
import type { NavigationOutcome } from "./diagnoseConnection.ts";

/** Characters of an error page's body kept for the message. */
const BODY_CHARS = 300;

/** Per participant (`p1`, ...): the app page's last navigation and its SDK request. */
export interface AppWatch {
  navigation(participantId: string): NavigationOutcome | null;
  sdkRequested(participantId: string): boolean;
}

/** The participant of an app frame's navigation request, or undefined for other requests. */
function appNavigation(request: Request): string | undefined {
  if (!request.isNavigationRequest()) return undefined;
  try {
    if (request.frame().parentFrame() === null) return undefined; // the harness page itself
  } catch {
    // A service worker's request has no frame: not an app frame's navigation.
    return undefined;
  }
  return participantOfUrl(request.url());
}

/** Starts watching `context` (before its pages open). */
export async function watchApps(context: BrowserContext): Promise<AppWatch> {
  const navigations = new Map<string, NavigationOutcome | null>();
  const sdk = new Set<string>();
  context.on("request", (request) => {
    const pid = appNavigation(request);
    if (pid) {
      // A new load of the page (a join's new frame, a reload) starts over.
      navigations.set(pid, null);
      sdk.delete(pid);
      return;
    }
    const owner = participantOfUrl(request.url());
    if (owner && new URL(request.url()).pathname === "/wemeet-js-sdk.js") sdk.add(owner);
  });
  context.on("response", (response: Response) => {
    const pid = appNavigation(response.request());
    if (!pid || (response.status() >= 300 && response.status() < 400)) return;
    const outcome = { status: response.status(), statusText: response.statusText() };
    if (response.status() < 400) {
      navigations.set(pid, outcome);
      return;
    }
    // The harness's proxy says why it could not reach the app: keep its first words. Until
    // they are read, the load counts as unanswered.
    response.text().then(
      (text) => {
        if (navigations.get(pid) === null)
          navigations.set(pid, { ...outcome, body: text.slice(0, BODY_CHARS) });
      },
      () => {
        if (navigations.get(pid) === null) navigations.set(pid, outcome);
      },
    );
  });
  context.on("requestfailed", (request) => {
    const pid = appNavigation(request);
    if (pid) navigations.set(pid, { failure: request.failure()?.errorText ?? "unknown" });
  });
  return {
    navigation: (pid) => navigations.get(pid) ?? null,
    sdkRequested: (pid) => sdk.has(pid),
  };
}
