/**
 * The meeting data the app reads, editable in the meeting panel: the meeting's info
 * (`meeting.getCurrMeetingInfo`), each participant's user data (`meeting.getUserList`,
 * `getUserInfo`, `getCustomerData`, `data.getPhoneNumber`) and the app's customer-data and
 * trusted-domain settings. Every edit goes through the simulator (`updateMeetingInfo`,
 * `updateParticipant`, `updateApp`), so it is traced and apps see it on their next call.
 *
 * @module
 */
import { MeetingType } from "@yiqi/jsapi";
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Harness } from "../harness.ts";
import { Switch } from "./Switch.tsx";

/**
 * A text input that commits on change (Enter or leaving the field). While the user types, the
 * draft is kept: the panel re-renders on every meeting change and must not undo their typing.
 */
function Text(props: {
  label: string;
  value: string;
  placeholder?: string;
  class?: string;
  onCommit: (v: string) => void;
}): JSX.Element {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      class={props.class}
      aria-label={props.label}
      title={props.label}
      value={draft ?? props.value}
      placeholder={props.placeholder ?? ""}
      onInput={(e) => setDraft(e.currentTarget.value)}
      onChange={(e) => {
        setDraft(null);
        props.onCommit(e.currentTarget.value);
      }}
    />
  );
}

/** Runs a meeting edit, awaited; a refusal is shown on the page instead of thrown. */
function edit(harness: Harness, what: string, run: () => unknown): void {
  void harness.change(what, run);
}

const MEETING_TYPES = Object.entries(MeetingType) as [string, number][];

/** The meeting data section of the meeting panel. */
export function MeetingDataPanel({ harness }: { harness: Harness }): JSX.Element {
  harness.version.value;
  const m = harness.meeting;
  const info = m.meetingInfo();
  const app = m.app();
  const people = m.participants();
  const setInfo = (patch: Parameters<typeof m.updateMeetingInfo>[0]): void =>
    edit(harness, "Meeting data", () => m.updateMeetingInfo(patch));
  return (
    <section aria-label="Meeting data">
      <h2>Meeting data</h2>
      <p class="hint">
        What getCurrMeetingInfo reports (meetingId, roleType and scene are computed).
      </p>
      <div class="data-grid">
        <div class="field">
          <span>Subject</span>
          <Text
            label="Meeting subject"
            value={info.meetingSubject}
            onCommit={(v) => setInfo({ meetingSubject: v })}
          />
        </div>
        <div class="field">
          <span>Meeting code</span>
          <Text
            label="Meeting code"
            value={info.meetingCode}
            onCommit={(v) => setInfo({ meetingCode: v.trim() })}
          />
        </div>
        <div class="field">
          <span>Type</span>
          <select
            aria-label="Meeting type"
            value={String(info.meetingType)}
            onChange={(e) => setInfo({ meetingType: Number(e.currentTarget.value) as MeetingType })}
          >
            {MEETING_TYPES.map(([name, value]) => (
              <option key={name} value={String(value)}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <span>Sub-meeting id</span>
          <Text
            label="Sub-meeting id"
            value={info.subMeetingId}
            placeholder="recurring meetings only"
            onCommit={(v) => setInfo({ subMeetingId: v.trim() })}
          />
        </div>
        <div class="field">
          <span>Breakout room</span>
          <Text
            label="Breakout room id"
            class="short"
            value={info.breakoutRoomId}
            placeholder="id"
            onCommit={(v) => setInfo({ breakoutRoomId: v.trim() })}
          />
          <Text
            label="Breakout room name"
            value={info.breakoutRoomName}
            placeholder="name"
            onCommit={(v) => setInfo({ breakoutRoomName: v })}
          />
        </div>
      </div>
      <Switch
        label="Watermark on"
        checked={info.enableWatermark}
        onChange={(v) => setInfo({ enableWatermark: v })}
      />
      <Switch
        label="Breakout rooms started"
        checked={info.isBreakoutRoomStarted}
        onChange={(v) => setInfo({ isBreakoutRoomStarted: v })}
      />
      <Switch
        label="In a breakout room"
        checked={info.isInBreakOutRoom}
        onChange={(v) => setInfo({ isInBreakOutRoom: v })}
      />

      <h2>Participants' data</h2>
      <p class="hint">
        getUserList / getUserInfo (avatar), getCustomerData, data.getPhoneNumber (country code and
        number).
      </p>
      <table class="people data">
        <thead>
          <tr>
            <th>Name</th>
            <th>Avatar URL</th>
            <th>Phone</th>
            <th>Customer data</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => {
            const set = (patch: Parameters<typeof m.updateParticipant>[1]): void =>
              edit(harness, `${p.nickname}'s data`, () => m.updateParticipant(p.id, patch));
            return (
              <tr key={p.id}>
                <td title={`userId ${p.userId}`}>{p.nickname}</td>
                <td>
                  <Text
                    label={`Avatar URL of ${p.nickname}`}
                    value={p.avatarUrl ?? ""}
                    placeholder="https://…"
                    onCommit={(v) => set({ avatarUrl: v.trim() })}
                  />
                </td>
                <td class="phone">
                  <Text
                    label={`Country code of ${p.nickname}`}
                    class="code"
                    value={p.countryCode}
                    onCommit={(v) => set({ countryCode: v.trim() })}
                  />
                  <Text
                    label={`Phone number of ${p.nickname}`}
                    value={p.phoneNumber}
                    onCommit={(v) => set({ phoneNumber: v.trim() })}
                  />
                </td>
                <td>
                  <Text
                    label={`Customer data of ${p.nickname}`}
                    value={p.customerData}
                    placeholder="from the personal join link"
                    onCommit={(v) => set({ customerData: v })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Switch
        label="Customer data bound (enable_customer_data = 1)"
        checked={app.enableCustomerData}
        onChange={(v) => edit(harness, "App", () => m.updateApp({ enableCustomerData: v }))}
      />
      <div class="field">
        <span>Trusted domains (ui.openExternalPage)</span>
        <Text
          label="Trusted domains"
          class="domains"
          value={app.trustedDomains.join(", ")}
          placeholder="example.com, api.example.com"
          onCommit={(v) =>
            edit(harness, "App", () =>
              m.updateApp({
                trustedDomains: v
                  .split(",")
                  .map((d) => d.trim())
                  .filter((d) => d !== ""),
              }),
            )
          }
        />
      </div>
    </section>
  );
}
