/**
 * Which site a request is for, from its `Host` header: the harness itself, a participant's view
 * of an app (`p<N>.<app>.localhost`), or neither (refused: a guard against DNS rebinding).
 */
import { parseParticipantHost, participantOrigin } from "../participantHost.ts";

/** Where a request goes. */
export type Route =
  | { kind: "harness" }
  | { kind: "app"; participant: number; appId: string }
  | { kind: "refused"; hostname: string };

const HARNESS_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The hostname of a `Host` header, lower-cased, without the port. */
export function hostnameOf(host: string | undefined): string {
  if (!host) return "";
  const h = host.toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.lastIndexOf(":");
  return colon === -1 ? h : h.slice(0, colon);
}

/** Routes a request by its `Host` header; `extraHarnessHosts` are accepted as the harness too. */
export function routeOf(
  host: string | undefined,
  extraHarnessHosts: readonly string[] = [],
): Route {
  const hostname = hostnameOf(host);
  const app = parseParticipantHost(hostname);
  if (app) return { kind: "app", ...app };
  if (HARNESS_HOSTS.has(hostname) || extraHarnessHosts.includes(hostname))
    return { kind: "harness" };
  return { kind: "refused", hostname };
}

/** The origin at which participant `n` sees app `appId`. */
export const appOrigin: (participant: number, appId: string, port: number) => string =
  participantOrigin;

const SDK_URL = /(?:https?:)?\/\/cdn\.meeting\.tencent\.com\/jssdk\/wemeet-js-sdk-[\w.-]*?\.js/g;

/** Replaces Tencent's SDK script URL with the local shim's path, in HTML or JavaScript text. */
export function rewriteSdkUrls(text: string): string {
  return text.replace(SDK_URL, "/wemeet-js-sdk.js");
}
