/**
 * Host-page helpers shared by every browser suite and benchmark: add app frames (any number,
 * any origin) and wait for them. A host page module composes these with `createHost` (or the
 * simulator's adapter) for each frame it attaches.
 *
 * @example
 * ```ts
 * const frames = addFrames(["http://127.0.0.1:5000/app.html"], { id: "app" });
 * const hosts = frames.map((iframe) => createHost({ transport: windowHostTransport(iframe), expose }));
 * await Promise.all(frames.map(frameLoaded));
 * ```
 * @module
 */

/** Options of {@link addFrame}. */
export interface FrameOptions {
  /** The element id (default: none). */
  id?: string;
  /** The iframe's `allow` attribute (e.g. `cross-origin-isolated` for benchmarks). */
  allow?: string;
  /** The parent element (default `document.body`). */
  parent?: Element;
}

/**
 * Appends an iframe for `url`. Its `contentWindow` exists at once, so a host created right
 * after hears the app's first hello.
 */
export function addFrame(url: string, options: FrameOptions = {}): HTMLIFrameElement {
  const iframe = document.createElement("iframe");
  if (options.id) iframe.id = options.id;
  if (options.allow) iframe.allow = options.allow;
  iframe.src = url;
  iframe.width = "320";
  iframe.height = "120";
  iframe.addEventListener("load", () => {
    iframe.dataset.loaded = "1";
  });
  (options.parent ?? document.body).append(iframe);
  return iframe;
}

/** Appends one iframe per URL; ids are `${idPrefix}${index}` when a prefix is given. */
export function addFrames(
  urls: readonly string[],
  options: Omit<FrameOptions, "id"> & { idPrefix?: string } = {},
): HTMLIFrameElement[] {
  return urls.map((url, i) =>
    addFrame(url, {
      ...options,
      ...(options.idPrefix === undefined ? {} : { id: `${options.idPrefix}${i}` }),
    }),
  );
}

/** Resolves when the iframe has loaded (immediately if it already has). */
export function frameLoaded(iframe: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => {
    if (iframe.dataset.loaded) {
      resolve();
      return;
    }
    iframe.addEventListener("load", () => resolve(), { once: true });
  });
}

/** Errors the page saw (uncaught errors and unhandled rejections), for assertions. */
export const pageErrors: string[] = [];
addEventListener("error", (e) => pageErrors.push(String(e.error ?? e.message)));
addEventListener("unhandledrejection", (e) => pageErrors.push(`unhandled: ${String(e.reason)}`));

const baseline = Object.getOwnPropertyNames(Object.prototype).sort().join();

/**
 * True when no script added to this realm's `Object.prototype` since this module loaded (and
 * nothing answers to `polluted`, the name the attack cases write).
 */
export function prototypeIsClean(): boolean {
  return (
    Object.getOwnPropertyNames(Object.prototype).sort().join() === baseline &&
    ({} as Record<string, unknown>).polluted === undefined
  );
}
