/**
 * Where the harness page's meeting runs: in the page (the standalone mode: `createMeeting`, every
 * frame attached to it) or in a meeting server (remote mode, `remoteBackend.ts`). Either gives a
 * {@link MeetingModel} and the {@link FrameHosts} serving the page's frames.
 *
 * @module
 */
import {
  type CreateMeetingOptions,
  createMeeting,
  type EmulatorDecisions,
  type MeetingModel,
} from "@yiqi/mock-host";
import type { Scenario } from "../scenarios/index.ts";
import { type FrameHosts, localFrameHosts } from "./frameHosts.ts";
import type { HarnessSetup } from "./params.ts";
import type { AppSource } from "./serverConfig.ts";

/** A meeting and how the page serves its frames. */
export interface BackendMeeting {
  readonly model: MeetingModel;
  readonly frames: FrameHosts;
  /** The meeting was running already (a shared view adopted it): nothing of the setup applies. */
  readonly adopted?: boolean;
}

/** Where the meeting runs. */
export interface MeetingBackend {
  /** `local`: the simulator runs in this page; `remote`: in a meeting server. */
  readonly mode: "local" | "remote";
  /** Replaces the meeting with a new one made from `options`. */
  reset(options: CreateMeetingOptions): Promise<BackendMeeting>;
}

/** The in-page simulator (the page's standalone mode). */
export function localBackend(): MeetingBackend {
  return {
    mode: "local",
    async reset(options) {
      const meeting = createMeeting({ ...options, clock: { now: () => Date.now() } });
      return { model: meeting, frames: localFrameHosts(meeting) };
    },
  };
}

/**
 * Display name of an app source (decision 0009): the server's name for it (`--name`, its page's
 * title, else its host); in dev fallback the URL's host. Never a participant host label (`p1`).
 */
export function appNameOf(app: string, source: AppSource): string {
  if (app === "demo") return "Pixel Party";
  if (source.name) return source.name;
  try {
    return new URL(source.url).host || "App";
  } catch {
    return "App";
  }
}

/** The meeting `setup` (and `scenario`'s app and decisions, then `decisions`) asks for. */
export function meetingOptionsFor(
  setup: HarnessSetup,
  source: AppSource,
  maxTraceEntries: number,
  scenario?: Scenario,
  decisions?: Partial<EmulatorDecisions>,
): CreateMeetingOptions {
  const participants = scenario?.participants ?? setup.participants;
  return {
    seed: scenario?.name ?? "yiqi-harness",
    maxTraceEntries,
    app: {
      name: appNameOf(setup.app, source),
      game: setup.app === "demo",
      url: source.url,
      ...scenario?.app,
    },
    decisions: { ...setup.decisions, ...decisions, ...scenario?.decisions },
    participants: participants.map(({ scene: _scene, ...p }) => ({ ...p })),
  };
}
