/**
 * The request box and the row log of the Rooms tab, shared by the in-page device's view
 * (`RoomsPanel.tsx`) and an attached device's (`RoomsRemotePanel.tsx`).
 *
 * @module
 */
import type { JSX } from "preact";

/** The request box: a JSON-RPC text, its Send button and the reply. */
export function RoomsRequest(props: {
  text: string;
  onText: (text: string) => void;
  onSend: () => void;
  reply: string;
}): JSX.Element {
  return (
    <>
      <h2>Request</h2>
      <textarea
        aria-label="Rooms request"
        rows={3}
        value={props.text}
        onInput={(e) => props.onText(e.currentTarget.value)}
      />
      <button type="button" class="btn primary" onClick={props.onSend}>
        Send
      </button>
      {props.reply && <pre class="json">{props.reply}</pre>}
    </>
  );
}

/** A titled log of `[kind, text]` rows, the last 100 shown. */
export function RoomsLog(props: {
  title: string;
  rows: readonly (readonly [kind: string, text: string])[];
}): JSX.Element {
  return (
    <>
      <h2>{props.title}</h2>
      <ol class="tl-list">
        {props.rows.slice(-100).map(([kind, text], i) => (
          <li key={i} class="tl-row">
            <span class="tl-kind">{kind}</span>
            <span class="tl-data">{text}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
