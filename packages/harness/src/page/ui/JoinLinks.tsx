/**
 * "Join from another browser or a phone" (decision 0038): for each participant, the view page
 * link with that participant's own token (`/p/<participant>?token=…`, decision 0037: it admits
 * that participant only), a copy button and a QR code of the link. Shown only when the page is
 * served by `yiqi harness` on this machine (the server gives the tokens to no one else).
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { encode } from "uqr";
import { fetchServerConfig, type ServerConfig, viewLinkOf } from "../serverConfig.ts";

/** The meeting part of the server config: the link pattern and the participants' tokens. */
type ServerMeeting = NonNullable<ServerConfig["meeting"]>;

/** The SVG path of a QR code of `text`: one unit square per dark module, with a quiet zone. */
function qrCode(text: string): { size: number; path: string } {
  const { size, data } = encode(text, { ecc: "M", border: 2 });
  let path = "";
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { size, path };
}

function QrCode(props: { text: string; label: string }): JSX.Element {
  const { size, path } = qrCode(props.text);
  return (
    <svg
      role="img"
      aria-label={props.label}
      data-qr={props.text}
      viewBox={`0 0 ${size} ${size}`}
      width="180"
      height="180"
      shape-rendering="crispEdges"
      style={{ background: "#fff", display: "block", margin: "6px 0" }}
    >
      <path d={path} fill="#000" />
    </svg>
  );
}

function JoinRow(props: { id: string; nickname: string; link: string }): JSX.Element {
  const [copied, setCopied] = useState<"" | "copied" | "select">("");
  const [qr, setQr] = useState(false);
  const copy = async (e: Event): Promise<void> => {
    const input = (e.currentTarget as HTMLElement).parentElement?.querySelector("input");
    try {
      await navigator.clipboard.writeText(props.link);
      setCopied("copied");
    } catch {
      // No clipboard here (or no permission): the link is selected for the user to copy.
      input?.select();
      setCopied("select");
    }
  };
  return (
    <li data-join={props.id} style={{ listStyle: "none", margin: "4px 0" }}>
      <div style={{ display: "flex", gap: "6px", alignItems: "center" }}>
        <span title={props.id} style={{ minWidth: "6em" }}>
          {props.nickname}
        </span>
        <input
          readOnly
          aria-label={`Join link of ${props.nickname}`}
          value={props.link}
          onFocus={(e) => e.currentTarget.select()}
          style={{ flex: "1", minWidth: "0", fontFamily: "monospace", fontSize: "11px" }}
        />
        <button type="button" class="btn subtle" onClick={(e) => void copy(e)}>
          {copied === "copied" ? "Copied" : copied === "select" ? "Press Ctrl-C" : "Copy"}
        </button>
        <button
          type="button"
          class="btn subtle"
          aria-expanded={qr}
          aria-label={`QR code of ${props.nickname}'s link`}
          onClick={() => setQr(!qr)}
        >
          QR
        </button>
      </div>
      {qr ? <QrCode text={props.link} label={`QR code: ${props.link}`} /> : null}
    </li>
  );
}

/**
 * A panel link moves its participant to where it is opened (`takeover=1`, decision 0038): this
 * page holds every participant no other view holds, so a plain link would only be refused.
 */
const takeOver = (link: string): string => {
  const url = new URL(link);
  url.searchParams.set("takeover", "1");
  return url.href;
};

/** The join links of `participants`, once the server config says the page may hand them out. */
export function JoinLinks(props: {
  participants: readonly { id: string; nickname: string }[];
}): JSX.Element | null {
  const [meeting, setMeeting] = useState<ServerMeeting | null>(null);
  useEffect(() => {
    let live = true;
    void fetchServerConfig().then((c) => {
      if (live && c?.meeting) setMeeting(c.meeting);
    });
    return () => {
      live = false;
    };
  }, []);
  if (meeting === null) return null;
  return (
    <section class="join-links" aria-label="Join from another browser or a phone">
      <h2>Join from another browser or a phone</h2>
      <p class="hint">
        Open a participant's link to be that participant there: it moves from this page to that
        browser. A link acts as its participant only: share it with the person who plays that
        participant.
      </p>
      <ul style={{ padding: "0", margin: "0" }}>
        {props.participants.map((p) => (
          <JoinRow
            key={p.id}
            id={p.id}
            nickname={p.nickname}
            link={takeOver(viewLinkOf(meeting, p.id))}
          />
        ))}
      </ul>
    </section>
  );
}
