/**
 * Controls of the world around the in-page Rooms device: its meeting and members, the waiting
 * room, the Rooms's role, the invitation, recording and its own devices. Every change goes
 * through `device.world` / the device controls, so it shows in the log and as events.
 *
 * @module
 */
import type { MemberState, RoomsDevice } from "@yiqi/mock-host";
import type { JSX } from "preact";
import { useState } from "preact/hooks";

/** Props of {@link RoomsWorld}. */
export interface RoomsWorldProps {
  device: RoomsDevice;
  /** Call after each change so the panel re-renders. */
  changed: () => void;
}

const ROLE = ["", "host", "co-host", "attendee"];

function Member(props: { m: MemberState; act: (f: () => void) => void; device: RoomsDevice }) {
  const { m, act, device } = props;
  const w = device.world;
  return (
    <li class="rooms-member">
      <span class="rooms-member-role">
        {m.waiting ? "waiting" : (ROLE[m.role] ?? `role ${m.role}`)}
      </span>
      <span class="rooms-member-who">
        <b>{m.nickname}</b>
        {m.user_type === 2 ? " (phone)" : ""} · mic {m.audio_on ? "on" : "muted"} · video{" "}
        {m.video_on ? "on" : "off"}
      </span>
      <span class="rooms-member-actions">
        {m.waiting ? (
          <button type="button" class="btn" onClick={() => act(() => w.admit(m.nickname))}>
            Admit
          </button>
        ) : (
          <>
            <button
              type="button"
              class="btn"
              onClick={() => act(() => w.setMember(m.user_id, { audio_on: !m.audio_on }))}
            >
              {m.audio_on ? "Mute" : "Unmute"}
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => act(() => w.setMember(m.user_id, { video_on: !m.video_on }))}
            >
              {m.video_on ? "Video off" : "Video on"}
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => act(() => device.setRemoteShare(m.user_id))}
            >
              Shares
            </button>
          </>
        )}
        <button type="button" class="btn" onClick={() => act(() => w.removeMember(m.user_id))}>
          Leaves
        </button>
      </span>
    </li>
  );
}

/** The world controls of the Rooms panel. */
export function RoomsWorld(props: RoomsWorldProps): JSX.Element {
  const { device, changed } = props;
  const [name, setName] = useState("Erin Xu");
  const s = device.state;
  const m = s.meeting;
  const w = device.world;
  const act = (f: () => void): void => {
    f();
    changed();
  };
  const d = s.devices;
  return (
    <section class="rooms-world" aria-label="Rooms world">
      <h2>Meeting</h2>
      <p>
        {m
          ? `${m.code} "${m.title}" · status ${m.status} · the Rooms is ${ROLE[m.roomsRole]} · recording ${m.recording ? "on" : "off"}${m.recordRequestPending ? " · a record request waits" : ""}`
          : "Not in a meeting"}
      </p>
      <div class="rooms-controls">
        <button type="button" class="btn" onClick={() => act(() => w.stageBusy())}>
          Busy world
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => act(() => device.enterMeeting(undefined, true))}
        >
          Enter as host
        </button>
        {m?.status === 3 && (
          <button type="button" class="btn" onClick={() => act(() => w.admit())}>
            Admit the Rooms
          </button>
        )}
        {m && (
          <select
            aria-label="Rooms role"
            value={String(m.roomsRole)}
            onChange={(e) => act(() => w.setRoomsRole(Number(e.currentTarget.value) as 1 | 2 | 3))}
          >
            <option value="1">host</option>
            <option value="2">co-host</option>
            <option value="3">attendee</option>
          </select>
        )}
        {m && (
          <button type="button" class="btn" onClick={() => act(() => w.setRecording(!m.recording))}>
            {m.recording ? "Stop recording" : "Start recording"}
          </button>
        )}
        {m?.recordRequestPending && (
          <>
            <button
              type="button"
              class="btn"
              onClick={() => act(() => w.answerRecordRequest(true))}
            >
              Grant record request
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => act(() => w.answerRecordRequest(false))}
            >
              Deny
            </button>
          </>
        )}
        <button
          type="button"
          class="btn"
          onClick={() =>
            act(() =>
              w.setInvitation(
                s.invite.incoming ? undefined : { code: "200300400", title: "Weekly sync" },
              ),
            )
          }
        >
          {s.invite.incoming
            ? `Withdraw invitation (${s.invite.incoming.code})`
            : "Invite the Rooms"}
        </button>
      </div>
      {m && (
        <>
          <h2>Members</h2>
          <ol class="rooms-members" aria-label="Rooms members">
            {m.members.map((x) => (
              <Member key={x.user_id} m={x} act={act} device={device} />
            ))}
          </ol>
          <div class="rooms-controls">
            <input
              aria-label="New member"
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
            <button type="button" class="btn" onClick={() => act(() => w.addMember(name))}>
              Joins
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => act(() => w.addMember(name, { waiting: true }))}
            >
              Waits
            </button>
          </div>
        </>
      )}
      <h2>Devices</h2>
      <div class="rooms-controls">
        <button
          type="button"
          class="btn"
          onClick={() =>
            act(() =>
              w.setDevices((x) => {
                x.mic.switch = !x.mic.switch;
              }, "mic toggled"),
            )
          }
        >
          Mic {d.mic.switch ? "on" : "off"}
        </button>
        <button
          type="button"
          class="btn"
          onClick={() =>
            act(() =>
              w.setDevices((x) => {
                x.camera.switch = !x.camera.switch;
              }, "camera toggled"),
            )
          }
        >
          Camera {d.camera.switch ? "on" : "off"}
        </button>
        <label>
          Speaker {d.speaker.volume}
          <input
            type="range"
            min={0}
            max={100}
            value={d.speaker.volume}
            onChange={(e) => {
              const v = Number(e.currentTarget.value);
              act(() =>
                w.setDevices((x) => {
                  x.speaker.volume = v;
                }, `volume ${v}`),
              );
            }}
          />
        </label>
      </div>
    </section>
  );
}
