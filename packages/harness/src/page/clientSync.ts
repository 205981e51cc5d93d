/**
 * Tells the `yiqi harness` server which client each participant runs (`POST /__yiqi/clients`),
 * so that on participant N's origin the app sees that client's user agent, in its requests and
 * as `navigator.userAgent` (docs/decisions/0008). Frames load only once the server knows.
 *
 * @module
 */
import type { Platform } from "@yiqi/jsapi";

/** One participant's client, as the server takes it. */
export interface ClientEntry {
  participant: number;
  platform: Platform;
  clientVersion: string;
  district: 0 | 1;
}

/** Keeps the server's table in step with the meeting. */
export interface ClientSync {
  /** Sends `entries` if they differ from the last sent (a refusal goes to `onProblem`). */
  update(entries: readonly ClientEntry[]): void;
  /**
   * Runs `then` once the server has what was last sent (or has refused it: frames load anyway);
   * at once when nothing is on its way.
   */
  afterSent(then: () => void): void;
  /** The user agent key of participant `n` as last sent (changes when its client changes). */
  keyOf(n: number): string;
}

/**
 * Creates the sync for app `appId`; with `appId` null (no server) it does nothing.
 *
 * @param onProblem receives a sentence when the server refuses the table.
 */
export function createClientSync(
  appId: string | null,
  onProblem: (message: string) => void,
): ClientSync {
  let sent = "";
  let pending: Promise<void> = Promise.resolve();
  let inFlight = 0;
  const keys = new Map<number, string>();
  return {
    update(entries) {
      const body = JSON.stringify({ appId, clients: entries });
      if (appId === null || body === sent) return;
      sent = body;
      keys.clear();
      for (const e of entries)
        keys.set(e.participant, `${e.platform}/${e.clientVersion}/${e.district}`);
      inFlight++;
      pending = pending.then(async () => {
        try {
          const res = await fetch("/__yiqi/clients", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
            signal: AbortSignal.timeout(5000),
          });
          if (!res.ok)
            onProblem(
              `the server did not take the participants' clients (${res.status} ${await res.text()}): apps see the default client's user agent`,
            );
        } catch (error) {
          onProblem(
            `the server did not take the participants' clients (${(error as Error).message}): apps see the default client's user agent`,
          );
        } finally {
          inFlight--;
        }
      });
    },
    afterSent(then) {
      if (inFlight === 0) then();
      else void pending.then(then);
    },
    keyOf: (n) => keys.get(n) ?? "",
  };
}
