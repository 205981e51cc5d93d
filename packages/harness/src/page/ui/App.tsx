/**
 * The harness page: a dark meeting-client top bar, the participants' panes in a grid that fits
 * up to 32 (and more, scrolling), and a side panel (Meeting, Timeline, Scenarios, Rooms).
 *
 * @module
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Harness } from "../harness.ts";
import { MeetingPanel } from "./MeetingPanel.tsx";
import { Pane } from "./Pane.tsx";
import { RoomsPanel } from "./RoomsPanel.tsx";
import { ScenarioPanel } from "./ScenarioPanel.tsx";
import { TimelinePanel } from "./TimelinePanel.tsx";

type Tab = "meeting" | "timeline" | "scenarios" | "rooms";
const TABS: { id: Tab; label: string }[] = [
  { id: "meeting", label: "Meeting" },
  { id: "timeline", label: "Timeline" },
  { id: "scenarios", label: "Scenarios" },
  { id: "rooms", label: "Rooms" },
];

/** Columns for `n` panes: about square, wider than tall. */
export function columnsFor(n: number): number {
  if (n <= 1) return 1;
  if (n <= 2) return 2;
  if (n <= 4) return 2;
  if (n <= 6) return 3;
  if (n <= 12) return 4;
  if (n <= 20) return 5;
  if (n <= 24) return 6;
  return 8;
}

/** The page. */
export function App({ harness, initialTab }: { harness: Harness; initialTab?: Tab }): JSX.Element {
  harness.version.value;
  const [tab, setTab] = useState<Tab>(initialTab ?? "meeting");
  const [panelOpen, setPanelOpen] = useState(true);
  const [copied, setCopied] = useState(false);
  const m = harness.meeting;
  const views = harness.views();
  const participants = new Map(m.participants().map((p) => [p.id, p]));
  const session = m.session();
  const app = m.app();
  const starter = session ? participants.get(session.starterId) : undefined;
  const cols = columnsFor(views.length);
  const rows = Math.ceil(views.length / cols);
  const copy = (): void => {
    const link = harness.link();
    void navigator.clipboard?.writeText(link).catch(() => {});
    history.replaceState(null, "", link);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div class={`shell${panelOpen ? " with-panel" : ""}`}>
      <header class="topbar">
        <span class="logo">
          一起 <small>Yiqi</small>
        </span>
        <span class="meeting-title">
          会议 {m.id.replace(/(\d{3})(\d{3})(\d{3}).*/, "$1 $2 $3")}
          <span class="hint"> · {views.length} 人</span>
        </span>
        <span class="topbar-app">
          {app.name}
          {session ? (
            <span class="live">
              正在一起使用 · {starter?.nickname} · {session.joined.length} joined
            </span>
          ) : (
            <span class="hint"> · no session</span>
          )}
        </span>
        <span class="spacer" />
        {harness.problems.value.length > 0 && (
          <span class="problems" title={harness.problems.value.join("\n")}>
            ⚠ {harness.problems.value.length}
          </span>
        )}
        <button type="button" class="btn dark" onClick={copy}>
          {copied ? "Link copied" : "Copy link"}
        </button>
        <button
          type="button"
          class="btn dark"
          aria-expanded={panelOpen}
          onClick={() => setPanelOpen(!panelOpen)}
        >
          {panelOpen ? "Hide panel" : "Show panel"}
        </button>
      </header>
      <main
        class={`grid${cols >= 5 ? " dense" : ""}`}
        style={{ "--cols": String(cols), "--rows": String(rows) }}
        aria-label="Participants"
      >
        {views.map((v) => {
          const p = participants.get(v.participantId);
          return (
            <Pane
              key={v.participantId}
              harness={harness}
              view={v}
              appName={app.name}
              starterName={starter?.nickname ?? null}
              clientVersion={p?.clientVersion ?? ""}
              platform={p?.platform ?? ""}
              elsewhere={harness.servedElsewhere(v.participantId)}
            />
          );
        })}
      </main>
      {panelOpen && (
        <aside class="side" aria-label="Harness panel">
          <div class="tabs" role="tablist">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                class="tab"
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          {tab === "meeting" && <MeetingPanel harness={harness} />}
          {tab === "timeline" && <TimelinePanel harness={harness} />}
          {tab === "scenarios" && <ScenarioPanel harness={harness} />}
          {tab === "rooms" && <RoomsPanel />}
        </aside>
      )}
    </div>
  );
}
