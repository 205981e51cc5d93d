/**
 * The apps a harness server proxies: each http(s) origin registered gets a short, stable id
 * (`p<N>.<id>.localhost`). `demo` is the bundled demo and is never registered.
 */
import { createHash } from "node:crypto";

/** Thrown for a bad `app` URL, too many apps, or a port in use. */
export class HarnessServerError extends Error {
  /** An error whose `message` says what failed and what to do about it. */
  constructor(message: string) {
    super(message);
    this.name = "HarnessServerError";
  }
}

/** Apps one server registers at most (each is one upstream origin). */
export const MAX_APPS = 256;

/**
 * Checks an app URL (http or https, absolute) and returns it parsed.
 *
 * @throws {HarnessServerError} saying what a valid app URL looks like.
 */
export function parseAppUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HarnessServerError(
      `"${url}" is not a URL: pass the app's full address, e.g. http://localhost:5173/`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new HarnessServerError(
      `"${url}" is not an http(s) URL: the harness proxies web apps only`,
    );
  return parsed;
}

/** The registered apps. */
export interface AppRegistry {
  /**
   * Registers `url`'s origin and returns its id (the same id for every URL of one origin).
   *
   * @throws {HarnessServerError} for a bad URL, or when {@link MAX_APPS} apps are registered.
   */
  register(url: string): string;
  /** The URL last registered for `appId`, if any. */
  get(appId: string): URL | undefined;
  /** Whether `appId` is served: `demo` or a registered app. */
  known(appId: string): boolean;
  /** Every registered app: id to URL. */
  entries(): Record<string, string>;
}

/** Creates an empty registry; `log` receives one line per newly registered origin. */
export function createAppRegistry(log: (line: string) => void): AppRegistry {
  const apps = new Map<string, URL>();
  return {
    register(url): string {
      const parsed = parseAppUrl(url);
      const id = createHash("sha256").update(parsed.origin).digest("hex").slice(0, 8);
      if (!apps.has(id)) {
        if (apps.size >= MAX_APPS)
          throw new HarnessServerError(
            `${MAX_APPS} apps are registered, the most one harness serves: restart \`yiqi harness\``,
          );
        log(`app ${id} -> ${parsed.origin}`);
      }
      apps.set(id, parsed);
      return id;
    },
    get: (appId) => apps.get(appId),
    known: (appId) => appId === "demo" || apps.has(appId),
    entries: () => Object.fromEntries([...apps].map(([k, v]) => [k, v.href])),
  };
}
