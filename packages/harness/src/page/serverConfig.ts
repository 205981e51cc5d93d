/**
 * What the `yiqi harness` server tells the page (`GET /__yiqi/config`), registering external app
 * URLs (`POST /__yiqi/apps`), and the dev fallback when the page runs under `vite dev` alone.
 *
 * @module
 */

/** `GET /__yiqi/config`. */
export interface ServerConfig {
  port: number;
  /** `demo` or an app URL. */
  defaultApp: string;
  participants: number;
  /**
   * The meeting the server runs (decision 0038), for a page on the server's machine: `link` is
   * this page's socket to it (`ws://<host>/__yiqi/meeting?token=…`; the harness page connects
   * unpinned), `viewLink` the view page link of any participant with `{participant}` standing
   * for its id and `{token}` for its token in `viewTokens` (another browser or a phone joins with
   * it; the token admits that participant only, decision 0037). Absent in dev fallback, from an
   * older server, or when the page is opened from another machine (no token is given out there).
   */
  meeting?: { link: string; viewLink: string; viewTokens?: Readonly<Record<string, string>> };
}

/**
 * The view page link of `participant` (`p2`) from the server's `meeting.viewLink`, with that
 * participant's own token (an older server's pattern carries the meeting's token itself).
 */
export const viewLinkOf = (
  meeting: { viewLink: string; viewTokens?: Readonly<Record<string, string>> },
  participant: string,
): string => {
  return meeting.viewLink
    .replace("{token}", encodeURIComponent(meeting.viewTokens?.[participant] ?? ""))
    .replace("{participant}", encodeURIComponent(participant));
};

/** The `viewTokens` of a config answer: participant ids to strings, else undefined. */
function readViewTokens(value: unknown): Readonly<Record<string, string>> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const tokens: Record<string, string> = {};
  for (const [id, token] of Object.entries(value))
    if (/^p[1-9]\d{0,2}$/.test(id) && typeof token === "string") tokens[id] = token;
  return tokens;
}

/** Where the app frames come from. */
export interface AppSource {
  /** The URL the simulator knows as the app's page (participant 1's origin when served). */
  url: string;
  /** The server's app id (`demo`, or the id of a registered URL); null in dev fallback. */
  appId: string | null;
  /** The server port; null in dev fallback. */
  port: number | null;
  /**
   * What the server calls the app (`--name`, else its page's title, else its host; decision
   * 0009); absent for the demo and in dev fallback.
   */
  name?: string;
}

/** The demo's dev server (`pnpm --filter @yiqi/demo dev -- --port 5174`), dev fallback only. */
export const DEV_DEMO_URL = "http://127.0.0.1:5174/";

/** Reads the server config, or null when the page is not served by `yiqi harness`. */
export async function fetchServerConfig(): Promise<ServerConfig | null> {
  try {
    const res = await fetch("/__yiqi/config", { signal: AbortSignal.timeout(3000) });
    if (!res.ok) return null;
    const data = (await res.json()) as Partial<ServerConfig>;
    if (typeof data.port !== "number") return null;
    const meeting = data.meeting;
    const viewTokens = readViewTokens(meeting?.viewTokens);
    return {
      port: data.port,
      defaultApp: typeof data.defaultApp === "string" ? data.defaultApp : "demo",
      participants: typeof data.participants === "number" ? data.participants : 3,
      ...(typeof meeting?.link === "string" && typeof meeting.viewLink === "string"
        ? {
            meeting: {
              link: meeting.link,
              viewLink: meeting.viewLink,
              ...(viewTokens ? { viewTokens } : {}),
            },
          }
        : {}),
    };
  } catch {
    return null;
  }
}

/**
 * Resolves `app` (`demo` or a URL) to where frames load it: on the server, participant origins
 * `http://p<N>.<id>.localhost:PORT<path>`; in dev fallback, the URL itself (the demo's dev
 * server for `demo`).
 *
 * @throws {Error} when the server refuses to register the URL.
 */
export async function resolveApp(app: string, config: ServerConfig | null): Promise<AppSource> {
  if (!config) return { url: app === "demo" ? DEV_DEMO_URL : app, appId: null, port: null };
  let appId = "demo";
  let path = "/";
  let name: string | undefined;
  if (app !== "demo") {
    const res = await fetch("/__yiqi/apps", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: app }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok)
      throw new Error(`the server refused app ${app}: ${res.status} ${await res.text()}`);
    const answer = (await res.json()) as { id: unknown; name?: unknown };
    appId = String(answer.id);
    if (typeof answer.name === "string" && answer.name.trim() !== "") name = answer.name.trim();
    const u = new URL(app);
    path = `${u.pathname}${u.search}`;
  }
  const url = `http://p1.${appId}.localhost:${config.port}${path}`;
  return name ? { url, appId, port: config.port, name } : { url, appId, port: config.port };
}
