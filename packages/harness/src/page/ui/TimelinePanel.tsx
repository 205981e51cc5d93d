/**
 * The timeline: every call, result, error, event and state change, per participant, in order,
 * with data, durations and the SPEC section. Shows at most {@link LIMIT} rows (the newest
 * matching), exports JSON, and loads an exported file to step through it.
 *
 * @module
 */
import type { JSX } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import {
  KINDS,
  matches,
  parseTimelineFile,
  type TimelineEntry,
  type TimelineFile,
  type TimelineFilter,
  toTimelineFile,
  visibleEntries,
} from "../../timeline.ts";
import type { Harness } from "../harness.ts";

/** Rows rendered at most (the newest matching entries). */
export const LIMIT = 300;

function brief(data: unknown): string {
  if (data === null || data === undefined) return "";
  const s = typeof data === "string" ? data : JSON.stringify(data);
  return s.length > 140 ? `${s.slice(0, 140)}…` : s;
}

function Row(props: {
  e: TimelineEntry;
  names: Map<string, string>;
  t0: number;
  current?: boolean;
}): JSX.Element {
  const { e } = props;
  return (
    <li
      class={`tl-row kind-${e.kind}${e.source === "bridge" ? " wire" : ""}${props.current ? " current" : ""}`}
      data-seq={e.seq}
    >
      <span class="tl-seq">{e.seq}</span>
      <span class="tl-t">+{((e.t - props.t0) / 1000).toFixed(3)}s</span>
      <span class="tl-who">
        {e.participantId ? (props.names.get(e.participantId) ?? e.participantId) : "meeting"}
      </span>
      <span class="tl-kind">{e.source === "bridge" ? `wire ${e.kind}` : e.kind}</span>
      <span class="tl-name">{e.name}</span>
      {e.spec && <span class="tl-spec">{e.spec}</span>}
      {e.durationMs !== undefined && (
        <span class="tl-dur">{e.durationMs.toFixed(e.durationMs < 10 ? 1 : 0)} ms</span>
      )}
      {e.instanceId && <span class="tl-inst">{e.instanceId}</span>}
      <span class="tl-data" title={brief(e.data)}>
        {brief(e.data)}
      </span>
    </li>
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The timeline panel. */
export function TimelinePanel({ harness }: { harness: Harness }): JSX.Element {
  harness.timelineVersion.value;
  const [filter, setFilter] = useState<TimelineFilter>({
    participants: [],
    kinds: [],
    bridge: false,
    text: "",
  });
  const [loaded, setLoaded] = useState<TimelineFile | null>(null);
  const [cursor, setCursor] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  // Follow the newest entry while the view is scrolled to the bottom (as a log tail does).
  useLayoutEffect(() => {
    const scroller = list.current?.parentElement;
    if (scroller && pinned.current && !loaded) scroller.scrollTop = scroller.scrollHeight;
  });

  const people = loaded
    ? loaded.participants
    : harness.meeting.participants().map((p) => ({ id: p.id, nickname: p.nickname }));
  const names = new Map(people.map((p) => [p.id, p.nickname]));
  const source = loaded ? loaded.entries : harness.timeline;
  const marker = loaded ? null : harness.log.marker();
  const t0 = source[0]?.t ?? 0;

  const toggleKind = (k: string): void =>
    setFilter((f) => ({
      ...f,
      kinds: f.kinds.includes(k) ? f.kinds.filter((x) => x !== k) : [...f.kinds, k],
    }));

  const onLoad = async (e: Event): Promise<void> => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      const parsed = parseTimelineFile(await file.text());
      setLoaded(parsed);
      setCursor(0);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  let rows: TimelineEntry[];
  let truncated = false;
  let matchingCount = 0;
  let currentSeq: number | undefined;
  if (loaded) {
    const matching = loaded.entries.filter((x) => matches(x, filter));
    matchingCount = matching.length;
    const upto = matching.slice(0, cursor + 1);
    currentSeq = upto.at(-1)?.seq;
    rows = upto.slice(-LIMIT);
    truncated = upto.length > LIMIT;
  } else {
    const v = visibleEntries(harness.timeline, filter, LIMIT);
    rows = v.shown;
    truncated = v.truncated;
  }

  return (
    <div
      class="panel-body timeline"
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      <div class="tl-tools">
        <select
          aria-label="Participant filter"
          value={filter.participants[0] ?? ""}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setFilter((f) => ({ ...f, participants: v ? [v] : [] }));
          }}
        >
          <option value="">All participants</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.nickname}
            </option>
          ))}
        </select>
        <input
          aria-label="Name filter"
          placeholder="filter names…"
          value={filter.text}
          onInput={(e) => setFilter((f) => ({ ...f, text: e.currentTarget.value }))}
        />
        <button
          type="button"
          class="btn"
          onClick={() =>
            download(
              `yiqi-timeline-${Date.now()}.json`,
              JSON.stringify(
                toTimelineFile(harness.timelineEntries(), people, harness.link()),
                null,
                2,
              ),
            )
          }
        >
          Export JSON
        </button>
        <label class="btn file">
          Load trace
          <input
            type="file"
            accept="application/json,.json"
            aria-label="Load trace"
            onChange={onLoad}
          />
        </label>
      </div>
      <fieldset class="tl-kinds" aria-label="Kinds">
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            class={`chip kind-${k}`}
            aria-pressed={filter.kinds.includes(k)}
            onClick={() => toggleKind(k)}
          >
            {k}
          </button>
        ))}
        <label class="switch small">
          <input
            type="checkbox"
            checked={filter.bridge}
            onChange={(e) => setFilter((f) => ({ ...f, bridge: e.currentTarget.checked }))}
          />
          <span>bridge wire</span>
        </label>
      </fieldset>
      {error && <p class="error">Could not load: {error}</p>}
      {loaded && (
        <fieldset class="replay" aria-label="Replay">
          <b>Replay</b>{" "}
          {loaded.exportedAt && <span class="hint">exported {loaded.exportedAt}</span>}
          <button type="button" class="btn" onClick={() => setCursor((c) => Math.max(0, c - 1))}>
            ◀ Prev
          </button>
          <input
            type="range"
            aria-label="Replay position"
            min={0}
            max={Math.max(0, matchingCount - 1)}
            value={cursor}
            onInput={(e) => setCursor(Number(e.currentTarget.value))}
          />
          <button
            type="button"
            class="btn"
            onClick={() => setCursor((c) => Math.min(matchingCount - 1, c + 1))}
          >
            Next ▶
          </button>
          <span class="hint">
            {Math.min(cursor + 1, matchingCount)} / {matchingCount}
          </span>
          <button type="button" class="btn ghost" onClick={() => setLoaded(null)}>
            Close replay
          </button>
          {loaded.link && (
            <a class="hint" href={loaded.link}>
              open its meeting
            </a>
          )}
        </fieldset>
      )}
      {marker && (
        <p class="hint tl-truncated" role="status">
          {(marker.data as { message: string }).message}
        </p>
      )}
      {truncated && <p class="hint">Showing the last {LIMIT} matching entries.</p>}
      <ol class="tl-list" aria-label="Timeline" ref={list}>
        {rows.map((e) => (
          <Row key={e.seq} e={e} names={names} t0={t0} current={e.seq === currentSeq} />
        ))}
      </ol>
      <p class="hint">
        {source.length} entries in total{marker ? ` (${harness.log.dropped} earlier dropped)` : ""}
      </p>
    </div>
  );
}
