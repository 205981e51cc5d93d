/**
 * A {@link ScenarioDriver} without a browser: each participant's app slot is served by a
 * headless app (`openHeadlessApp`) running a demo-like boot (getRunningContext, then
 * setCollaborationConfig). For tests of the scenario engine and the built-in scenarios in Node.
 *
 * @module
 */
import { type HeadlessApp, type Meeting, openHeadlessApp } from "@yiqi/mock-host";
import type { ScenarioDriver } from "./runScenario.ts";

/** Options of {@link headlessDriver}. */
export interface HeadlessDriverOptions {
  /** What each app does once open (default: getRunningContext, then setCollaborationConfig). */
  boot?: (app: HeadlessApp, url: string) => Promise<void>;
}

/** A headless driver and a way to stop it. */
export interface HeadlessDriver extends ScenarioDriver {
  /** The local simulator the headless apps are attached to. */
  readonly meeting: Meeting;
  close(): void;
}

const demoBoot = async (app: HeadlessApp, url: string): Promise<void> => {
  await app.wemeet.app.getRunningContext();
  await app.wemeet.collaboration.setCollaborationConfig({ url, visible: true });
};

/** Serves `meeting`'s app slots with headless apps, reconciled as the page does with frames. */
export function headlessDriver(
  meeting: Meeting,
  options: HeadlessDriverOptions = {},
): HeadlessDriver {
  const boot = options.boot ?? demoBoot;
  const apps = new Map<string, { key: string; app: HeadlessApp }>();
  const open = (pid: string, key: string, url: string): void => {
    const app = openHeadlessApp(meeting, pid, { url });
    apps.set(pid, { key, app });
    void boot(app, url).catch(() => {});
  };
  const reconcile = (): void => {
    for (const view of meeting.views()) {
      const cur = apps.get(view.participantId);
      if (cur && (!view.app || view.app.key !== cur.key)) {
        cur.app?.close();
        apps.delete(view.participantId);
      }
      if (view.app && !apps.has(view.participantId)) {
        const { key, url } = view.app;
        // Open after the current state change has finished (as a frame loads later).
        apps.set(view.participantId, { key, app: null as unknown as HeadlessApp });
        queueMicrotask(() => {
          if (apps.get(view.participantId)?.key === key) open(view.participantId, key, url);
        });
      }
    }
  };
  const off = meeting.subscribe(reconcile);
  reconcile();
  return {
    meeting,
    reloadApp(pid: string): void {
      const cur = apps.get(pid);
      if (!cur) return;
      cur.app?.close();
      open(pid, cur.key, meeting.view(pid).app?.url ?? meeting.app().url);
    },
    close(): void {
      off();
      for (const { app } of apps.values()) app?.close();
      apps.clear();
    },
  };
}
