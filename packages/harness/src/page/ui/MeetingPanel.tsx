/**
 * The meeting panel: participants (add, remove, role, client version, platform), the app's
 * console configuration, the meeting data the app reads ({@link MeetingDataPanel}), and the
 * emulator decisions as switches.
 *
 * @module
 */
import type { Platform, RoleType } from "@yiqi/jsapi";
import type { EmulatorDecisions } from "@yiqi/mock-host";
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Harness } from "../harness.ts";
import {
  CLIENT_VERSION_PATTERN,
  DECISION_CHOICES,
  NICKNAMES,
  ROLE_BY_NAME,
  roleName,
  type WordDecision,
} from "../params.ts";
import { JoinLinks } from "./JoinLinks.tsx";
import { MeetingDataPanel } from "./MeetingDataPanel.tsx";
import { Switch } from "./Switch.tsx";

const PLATFORMS: Platform[] = ["Windows", "Mac", "Linux", "iOS", "Android"];
const ROLES = Object.keys(ROLE_BY_NAME);

function RoleSelect(props: {
  value: RoleType;
  label: string;
  onChange: (r: RoleType) => void;
}): JSX.Element {
  return (
    <select
      aria-label={props.label}
      value={roleName(props.value)}
      onChange={(e) => props.onChange(ROLE_BY_NAME[e.currentTarget.value] as RoleType)}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}

/** The meeting panel's label of each word-valued decision, in the order it shows them. */
const DECISION_LABELS: { readonly [K in WordDecision]: string } = {
  endPermission: "Who may end",
  confirmStart: "Start confirmation",
  confirmEnd: "End confirmation",
  inMeetingScene: "In-meeting scene spelling",
  eventAudience: "collaboration-change audience",
  starterLeave: "Starter's leave",
  unknownCalls: "Unknown calls",
  confirmWindowShare: "Share the app window (dialog)",
  authorizeConsent: "permission.authorize (dialog)",
  phoneNumberConsent: "data.getPhoneNumber (dialog)",
  confirmExternalPage: "ui.openExternalPage (dialog)",
};

function Choice(props: { harness: Harness; name: WordDecision }): JSX.Element {
  const options: readonly string[] = DECISION_CHOICES[props.name];
  const value = props.harness.meeting.decisions()[props.name];
  return (
    <label class="field">
      <span>{DECISION_LABELS[props.name]}</span>
      <select
        value={String(value)}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          const v = options.find((o) => o === raw);
          void props.harness.change("Decisions", (m) =>
            m.setDecisions({ [props.name]: v } as Partial<EmulatorDecisions>),
          );
        }}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The gates the simulator applies, each a switch (on: Tencent's documented behaviour). */
const GATES: readonly ["platformGates" | "sceneGates" | "authGates" | "eventGates", string][] = [
  ["platformGates", "Platform gates (calls a platform lacks are refused)"],
  ["sceneGates", "Scene gates (meeting-only calls outside a meeting)"],
  ["authGates", "Auth gates (calls before config are refused)"],
  ["eventGates", "Event gates (events only to clients that have them)"],
];

/** The meeting panel. */
export function MeetingPanel({ harness }: { harness: Harness }): JSX.Element {
  harness.version.value;
  const m = harness.meeting;
  /** A change of the meeting, awaited; an error is shown as a problem. */
  const change = (what: string, run: (x: typeof m) => unknown): void => {
    void harness.change(what, run);
  };
  const app = m.app();
  const d = m.decisions();
  const people = m.participants();
  const [name, setName] = useState("");
  const [role, setRole] = useState<RoleType>(3 as RoleType);
  const add = (e: Event): void => {
    e.preventDefault();
    const used = new Set(people.map((p) => p.nickname));
    const nickname = name.trim() || NICKNAMES.find((n) => !used.has(n)) || `P${people.length + 1}`;
    if (used.has(nickname)) return;
    change("Add participant", (x) => x.addParticipant({ nickname, role }));
    setName("");
  };
  return (
    <div class="panel-body">
      <h2>Participants ({people.length})</h2>
      <table class="people">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Client</th>
            <th>Platform</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td title={p.id}>{p.nickname}</td>
              <td>
                <RoleSelect
                  value={p.role}
                  label={`Role of ${p.nickname}`}
                  onChange={(r) =>
                    change(p.nickname, (x) => x.updateParticipant(p.id, { role: r }))
                  }
                />
              </td>
              <td>
                <input
                  class="version"
                  aria-label={`Client version of ${p.nickname}`}
                  value={p.clientVersion}
                  onChange={(e) => {
                    const v = e.currentTarget.value.trim();
                    if (CLIENT_VERSION_PATTERN.test(v))
                      change(p.nickname, (x) => x.updateParticipant(p.id, { clientVersion: v }));
                  }}
                />
              </td>
              <td>
                <select
                  aria-label={`Platform of ${p.nickname}`}
                  value={p.platform}
                  onChange={(e) =>
                    change(p.nickname, (x) =>
                      x.updateParticipant(p.id, { platform: e.currentTarget.value as Platform }),
                    )
                  }
                >
                  {PLATFORMS.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  class="btn ghost"
                  aria-label={`Remove ${p.nickname}`}
                  onClick={() => change(p.nickname, (x) => x.removeParticipant(p.id))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="add-row" onSubmit={add}>
        <input
          aria-label="New participant name"
          placeholder="Name"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <RoleSelect value={role} label="New participant role" onChange={setRole} />
        <button type="submit" class="btn primary">
          Add participant
        </button>
      </form>
      <JoinLinks participants={people} />

      <h2>App configuration</h2>
      <p class="hint">
        {app.name} · <code>{app.url}</code>
      </p>
      <Switch
        label="一起用 enabled (collaboration)"
        checked={app.collaboration}
        onChange={(v) => change("App", (x) => x.updateApp({ collaboration: v }))}
      />
      <Switch
        label="Screen-share the app on collaboration"
        checked={app.screenShare}
        onChange={(v) => change("App", (x) => x.updateApp({ screenShare: v }))}
      />
      <label class="field">
        <span>Button label</span>
        <select
          aria-label="Button label"
          value={app.game ? "一起玩" : "一起用"}
          onChange={(e) =>
            change("App", (x) => x.updateApp({ game: e.currentTarget.value === "一起玩" }))
          }
        >
          <option>一起用</option>
          <option>一起玩</option>
        </select>
      </label>

      <MeetingDataPanel harness={harness} />

      <h2>Emulator decisions</h2>
      {(Object.keys(DECISION_LABELS) as WordDecision[]).map((name) => (
        <Choice key={name} harness={harness} name={name} />
      ))}
      <Switch
        label="Event before close (leave/end)"
        checked={d.eventBeforeClose}
        onChange={(v) => change("Decisions", (x) => x.setDecisions({ eventBeforeClose: v }))}
      />
      <Switch
        label="Permissive auth (any signature)"
        checked={d.permissiveAuth}
        onChange={(v) => change("Decisions", (x) => x.setDecisions({ permissiveAuth: v }))}
      />
      {GATES.map(([key, label]) => (
        <Switch
          key={key}
          label={label}
          checked={d[key]}
          onChange={(v) => change("Decisions", (x) => x.setDecisions({ [key]: v }))}
        />
      ))}
      <label class="field">
        <span>getUserList page size</span>
        <input
          class="narrow"
          type="number"
          min="1"
          aria-label="getUserList page size"
          value={String(d.userListPageSize)}
          onChange={(e) => {
            const n = Number(e.currentTarget.value);
            if (Number.isInteger(n) && n > 0)
              change("Decisions", (x) => x.setDecisions({ userListPageSize: n }));
          }}
        />
      </label>
    </div>
  );
}
