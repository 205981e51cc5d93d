/**
 * The Rooms tab attached to a running `yiqi rooms` device (decision 0214): the attach form, and
 * the view that replaces the in-page device's while attached (requests over the device's
 * socket, its console and state when it serves them, the frames).
 *
 * @module
 */
import { signal } from "@preact/signals";
import { DEFAULT_ROOMS_PASSWORD } from "@yiqi/mock-host";
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { RoomsLog, RoomsRequest } from "./RoomsExchange.tsx";
import { attachRooms, type RemoteRooms } from "./roomsRemote.ts";

/** The attached device, if any; kept across tab switches. */
export const attachedRooms = signal<RemoteRooms | undefined>(undefined);
const frames = signal<{ direction: string; text: string }[]>([]);
const problem = signal("");
const consoleOut = signal<string[]>([]);
const remoteState = signal<Record<string, unknown> | undefined>(undefined);

const say = (error: unknown): void => {
  problem.value = error instanceof Error ? error.message : String(error);
};

const refreshState = async (rooms: RemoteRooms): Promise<void> => {
  if (!rooms.controlUrl) return;
  try {
    remoteState.value = await rooms.state();
  } catch (error) {
    say(error);
  }
};

/** The form that attaches the tab to a running device, or the line that says it is attached. */
export function RoomsAttach(): JSX.Element {
  const [url, setUrl] = useState("ws://127.0.0.1:6295");
  const [password, setPassword] = useState(DEFAULT_ROOMS_PASSWORD);
  const [controlUrl, setControlUrl] = useState("");
  const rooms = attachedRooms.value;
  const attach = async (): Promise<void> => {
    problem.value = "";
    try {
      const next = await attachRooms({
        url,
        password,
        ...(controlUrl.trim() ? { controlUrl: controlUrl.trim() } : {}),
        onFrame: (direction, text) => {
          frames.value = [...frames.value.slice(-199), { direction, text }];
        },
        onClose: (why) => {
          if (attachedRooms.value === next) problem.value = `Detached: ${why}.`;
          attachedRooms.value = undefined;
        },
      });
      frames.value = [];
      consoleOut.value = [];
      remoteState.value = undefined;
      attachedRooms.value = next;
      await refreshState(next);
    } catch (error) {
      say(error);
    }
  };
  const detach = (): void => {
    const current = attachedRooms.value;
    attachedRooms.value = undefined;
    current?.close();
  };
  return (
    <details class="rooms-attach" open={rooms !== undefined || problem.value !== ""}>
      <summary>
        {rooms
          ? `Attached to ${rooms.url}`
          : "Device: in this page · attach to a running yiqi rooms"}
      </summary>
      {rooms ? (
        <button type="button" class="btn" onClick={detach}>
          Detach (back to the in-page device)
        </button>
      ) : (
        <form
          class="rooms-controls"
          onSubmit={(e) => {
            e.preventDefault();
            void attach();
          }}
        >
          <input
            aria-label="Rooms device URL"
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
          <input
            aria-label="Rooms password"
            type="password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <input
            aria-label="Rooms console URL"
            placeholder="console: http://127.0.0.1:N (yiqi rooms --control-port N)"
            value={controlUrl}
            onInput={(e) => setControlUrl(e.currentTarget.value)}
          />
          <button type="submit" class="btn primary">
            Attach
          </button>
        </form>
      )}
      {problem.value && (
        <p class="rooms-problem" role="alert">
          {problem.value}
        </p>
      )}
    </details>
  );
}

/** The Rooms tab while attached: console, state, requests and frames of the running device. */
export function RoomsRemoteView(props: { rooms: RemoteRooms; sample: string }): JSX.Element {
  const { rooms } = props;
  const [line, setLine] = useState("state");
  const [text, setText] = useState(props.sample);
  const [reply, setReply] = useState("");
  const run = async (): Promise<void> => {
    try {
      consoleOut.value = [...consoleOut.value, `> ${line}`, ...(await rooms.console(line))].slice(
        -200,
      );
      await refreshState(rooms);
    } catch (error) {
      say(error);
    }
  };
  const send = async (): Promise<void> => {
    try {
      setReply((await rooms.request(text)) ?? "(sent; a frame without an id gets no reply)");
    } catch (error) {
      setReply(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <>
      <h2>Console</h2>
      {rooms.controlUrl ? (
        <form
          class="rooms-controls"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <input
            aria-label="Rooms console line"
            value={line}
            onInput={(e) => setLine(e.currentTarget.value)}
          />
          <button type="submit" class="btn">
            Run
          </button>
        </form>
      ) : (
        <p>
          Change this device from its terminal, or start it with <code>--control-port N</code> and
          attach with the console URL to change it here.
        </p>
      )}
      {consoleOut.value.length > 0 && <pre class="json">{consoleOut.value.join("\n")}</pre>}
      {remoteState.value && (
        <details>
          <summary>State</summary>
          <pre class="json">{JSON.stringify(remoteState.value, null, 2)}</pre>
        </details>
      )}
      <RoomsRequest text={text} onText={setText} onSend={() => void send()} reply={reply} />
      <RoomsLog title="Frames" rows={frames.value.map((f) => [f.direction, f.text] as const)} />
    </>
  );
}
