/**
 * The init script that tells the runner when an app frame reacts: its DOM changes. The labelled
 * fallback evidence of handling for an app whose client predates handling reports (an older
 * bundled `@yiqi/jsapi`, a self-hosted old SDK build): a DOM change or a call right after an
 * event. Clients that report are graded from their reports alone
 * (docs/decisions/0306-certify-event-handling.md).
 *
 * @module
 */

/**
 * Reports DOM mutations of the app's frame through the signal binding, at most one signal per
 * 100 ms. Runs in the page, alone: it references nothing outside itself.
 */
export function reportReactions(): void {
  if (!/^p\d+\.[^.]+\.localhost$/.test(location.hostname)) return;
  let last = 0;
  const observer = new MutationObserver(() => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    try {
      (globalThis as { __yiqiCertSignal?: (s: unknown) => void }).__yiqiCertSignal?.({
        kind: "reacted",
      });
    } catch {
      // Reporting must never change what the app sees.
    }
  });
  const start = (): void => {
    observer.observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  };
  if (document.documentElement) start();
  else addEventListener("DOMContentLoaded", start, { once: true });
}
