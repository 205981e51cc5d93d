/**
 * An in-page emulated Meeting Rooms device (SPEC Part B): its state, controls for the states a
 * driver must handle and for the world around it (members, invitation, recording, devices), a
 * request box, and the request log. It can attach to a running `yiqi rooms` device instead
 * (`RoomsRemotePanel.tsx`, decision 0214).
 *
 * @module
 */
import { signal } from "@preact/signals";
import { RoomsDevice, type RoomsLogEntry } from "@yiqi/mock-host";
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { RoomsLog, RoomsRequest } from "./RoomsExchange.tsx";
import { attachedRooms, RoomsAttach, RoomsRemoteView } from "./RoomsRemotePanel.tsx";
import { RoomsWorld } from "./RoomsWorld.tsx";

// The device starts in a busy world (a meeting with members, a remote sharer, a recording, an
// invitation), so that every action of the control API acts on something.
const device = new RoomsDevice({ scene: "busy" });
const log = signal<RoomsLogEntry[]>([]);
const tick = signal(0);
device.onLog((e) => {
  log.value = [...log.value.slice(-199), e];
  tick.value++;
});

/** The Rooms device, for `window.yiqiHarness.rooms`. */
export const roomsDevice: RoomsDevice = device;

const SAMPLE = '{"jsonrpc":"2.0","id":"1","method":"Query","params":{"path":["Share"]}}';

/** The Rooms panel. */
export function RoomsPanel(): JSX.Element {
  tick.value;
  const [text, setText] = useState(SAMPLE);
  const [reply, setReply] = useState("");
  const state = device.state as unknown as Record<string, unknown>;
  const change = (f: () => void): void => {
    f();
    tick.value++;
  };
  const remote = attachedRooms.value;
  if (remote)
    return (
      <div class="panel-body rooms">
        <h2>Rooms device</h2>
        <RoomsAttach />
        <RoomsRemoteView rooms={remote} sample={SAMPLE} />
      </div>
    );
  return (
    <div class="panel-body rooms">
      <h2>Emulated Rooms device</h2>
      <RoomsAttach />
      <div class="rooms-controls">
        <button
          type="button"
          class="btn"
          onClick={() => change(() => device.setLoggedIn(!state.loggedIn))}
        >
          {state.loggedIn ? "Log out" : "Log in"}
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => change(() => device.setApiEnabled(!state.apiEnabled))}
        >
          {state.apiEnabled ? "Disable API" : "Enable API"}
        </button>
        <button type="button" class="btn" onClick={() => change(() => device.enterMeeting())}>
          Enter meeting
        </button>
        <button type="button" class="btn" onClick={() => change(() => device.leaveMeeting())}>
          Leave meeting
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => change(() => device.setRemoteShare("Alice Chen"))}
        >
          Alice shares
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => change(() => device.setRemoteShare(undefined))}
        >
          Stop share
        </button>
      </div>
      <RoomsWorld device={device} changed={() => tick.value++} />
      <details>
        <summary>State</summary>
        <pre class="json">{JSON.stringify(state, null, 2)}</pre>
      </details>
      <RoomsRequest
        text={text}
        onText={setText}
        onSend={() => change(() => setReply(device.handle(text)))}
        reply={reply}
      />
      <RoomsLog title="Log" rows={log.value.map((e) => [e.kind, e.text] as const)} />
    </div>
  );
}
