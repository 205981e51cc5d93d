/**
 * `RoomsEvents`: the subscriptions of one client and the listeners its pushed events reach.
 *
 * @module
 */
import type { DeviceEvent } from "./device.ts";
import type { InviteEvent } from "./invite.ts";
import type { MeetingEvent } from "./meeting.ts";
import type { MeetingControlEvent } from "./meetingControl.ts";
import type { MembersEvent } from "./members.ts";
import type { ShareEvent } from "./share.ts";
import type { RoomsEventParams } from "./types.ts";

/**
 * Typed event params per module, as `RoomsClient.on(module, listener)` passes them; other
 * modules (and `"*"`) get {@link RoomsEventParams}. Event names and payloads are emulator
 * decisions where Tencent is silent (docs/reference/rooms.md#events).
 */
export interface RoomsEventMap {
  /** `Event/Share`: `ShareInfoChanged`, `ShareGuideChanged`, `CastCodeChanged`. */
  Share: ShareEvent;
  /** `Event/Meeting`: joining, leaving, the waiting room, `MeetingInfoChanged`. */
  Meeting: MeetingEvent;
  /** `Event/Device`: results of the camera, mic and speaker actions, and the device tests. */
  Device: DeviceEvent;
  /** `Event/MeetingControl`: recording and mute-all results, `RecordStateChanged`. */
  MeetingControl: MeetingControlEvent;
  /** `Event/Members`: `MembersChanged` with the whole participant list. */
  Members: MembersEvent;
  /** `Event/Invite`: `PstnStateChanged`, `RoomsInviteChanged`. */
  Invite: InviteEvent;
}

/** The event params type for module `M`: its {@link RoomsEventMap} entry, else {@link RoomsEventParams}. */
export type RoomsEventFor<M extends string> = M extends keyof RoomsEventMap
  ? RoomsEventMap[M]
  : RoomsEventParams;

/**
 * A listener for `Event/<Module>` pushes: receives the event's `params` (with `sub_event`) and
 * the module name; a `"*"` listener receives every module.
 */
export type RoomsEventListener<M extends string> = (
  event: RoomsEventFor<M>,
  module: string,
) => void;

type AnyListener = (event: RoomsEventParams, module: string) => void;

/** The paths one client subscribed to (re-sent after a reconnect) and its event listeners. */
export class RoomsEvents {
  readonly #subscriptions = new Map<string, readonly string[]>();
  readonly #listeners = new Map<string, Set<AnyListener>>();

  /** The subscribed paths, each once. */
  get subscriptions(): Iterable<readonly string[]> {
    return this.#subscriptions.values();
  }

  /** Records a subscription to `path`. */
  subscribed(path: readonly string[]): void {
    this.#subscriptions.set(JSON.stringify(path), [...path]);
  }

  /** Forgets the subscription to `path`. */
  unsubscribed(path: readonly string[]): void {
    this.#subscriptions.delete(JSON.stringify(path));
  }

  /** Adds a listener for `module` (or `"*"`); returns a function that removes it. */
  on<M extends string>(module: M, listener: RoomsEventListener<M>): () => void {
    let set = this.#listeners.get(module);
    if (!set) {
      set = new Set();
      this.#listeners.set(module, set);
    }
    const fn = listener as AnyListener;
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  /**
   * Delivers an `Event/<module>` push to the module's listeners, then to `"*"`; a listener that
   * throws does not stop the others (its error surfaces as an uncaught error).
   */
  dispatch(module: string, params: RoomsEventParams): void {
    for (const key of [module, "*"]) {
      const set = this.#listeners.get(key);
      if (!set) continue;
      for (const l of set) {
        try {
          l(params, module);
        } catch (e) {
          queueMicrotask(() => {
            throw e;
          });
        }
      }
    }
  }
}
