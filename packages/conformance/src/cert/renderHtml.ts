/**
 * `report.html`: one self-contained page that opens offline. Inline CSS, no script at all (a
 * Content-Security-Policy forbids any), collapsible cases with native `<details>`. Every string
 * that comes from the app or the run (messages, trace data, URLs) is escaped.
 *
 * @module
 */
import type { ExpectedResult } from "./applyExpectations.ts";
import { SPEC_SECTION_TITLES, type SpecSection } from "./CertCase.ts";
import type { CertScreenshot, TraceExcerptEntry } from "./CertCaseResult.ts";
import { type CertRun, isoTime, SPEC_REVISION } from "./CertRun.ts";
import { computeVerdict, countGrades } from "./computeVerdict.ts";
import { escapeHtml as h } from "./escape.ts";
import { formatPhases } from "./formatPhases.ts";
import { GRADES, type Grade } from "./Grade.ts";
import { VERDICT_RULE } from "./renderReportJson.ts";

/** Options of {@link renderHtml}. */
export interface RenderHtmlOptions {
  /**
   * Screenshot contents to inline, by file name (`CertScreenshot.file`): PNG/JPEG bytes or a
   * `data:image/...` URL. Screenshots without data are referenced by their relative path.
   */
  screenshotData?: Readonly<Record<string, Uint8Array | string>>;
  /** Trace data longer than this is cut in the table (default 240 characters). */
  traceDataMax?: number;
}

const CLASS: Readonly<Record<Grade, string>> = {
  OK: "ok",
  "NON-STRICT": "ns",
  INFORMATIONAL: "info",
  UNIMPLEMENTED: "unimpl",
  FAILED: "failed",
};

const SHORT: Readonly<Record<Grade, string>> = {
  OK: "OK",
  "NON-STRICT": "Non-strict",
  INFORMATIONAL: "Info",
  UNIMPLEMENTED: "Unimpl.",
  FAILED: "Failed",
};

const anchor = (id: string): string => `case-${id.replace(/[^A-Za-z0-9_.-]/g, "_")}`;

const base64 = (bytes: Uint8Array): string => {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};

const mimeOf = (file: string): string =>
  /\.jpe?g$/i.test(file) ? "image/jpeg" : /\.webp$/i.test(file) ? "image/webp" : "image/png";

/** A relative path we may link to; anything with a scheme (`javascript:`, `http:`) is not. */
const relativePath = (file: string): string | undefined =>
  /^[a-z][a-z0-9+.-]*:/i.test(file) || file.startsWith("//") ? undefined : file;

const formatTime = (t: number): string =>
  t > 1e12 ? new Date(t).toISOString().slice(11, 23) : `${Math.round(t)} ms`;

const json = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

const CSS = `
:root{--ok:#1a7f37;--ok-bg:#dafbe1;--ns:#9a6700;--ns-bg:#fff8c5;--info:#0969da;--info-bg:#ddf4ff;--unimpl:#57606a;--unimpl-bg:#eaeef2;--failed:#cf222e;--failed-bg:#ffebe9;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
code,.mono{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
a{color:var(--info);text-decoration:none}a:hover{text-decoration:underline}
header.top{background:#fff;border-bottom:1px solid var(--line);padding:24px 32px 20px}
.brand{color:var(--muted);font-size:13px;letter-spacing:.02em}
.verdict{display:flex;align-items:center;gap:14px;margin:8px 0 6px;flex-wrap:wrap}
.verdict h1{margin:0;font-size:26px;font-weight:600}
.badge{display:inline-block;padding:4px 14px;border-radius:999px;font-weight:700;font-size:15px;letter-spacing:.04em;color:#fff}
.pass .badge{background:var(--ok)}.fail .badge{background:var(--failed)}
header.top.pass{border-top:6px solid var(--ok)}header.top.fail{border-top:6px solid var(--failed)}
.rule{margin:0 0 14px;color:var(--muted)}
.rule a{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
dl.info{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:10px 24px;margin:0}
dl.info div{min-width:0}
dl.info dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
dl.info dd{margin:0;overflow-wrap:anywhere}
main{padding:20px 32px 40px;max-width:1280px}
h2{font-size:18px;margin:28px 0 12px}
h3.section{font-size:15px;margin:22px 0 8px;color:var(--muted);font-weight:600}
.chips{display:flex;gap:10px;flex-wrap:wrap;margin-bottom:16px}
.chip{border-radius:8px;padding:10px 16px;min-width:128px;background:#fff;border:1px solid var(--line);border-left-width:5px}
.chip b{display:block;font-size:22px;line-height:1.1}
.chip span{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
.chip.ok{border-left-color:var(--ok)}.chip.ns{border-left-color:var(--ns)}.chip.info{border-left-color:var(--info)}.chip.unimpl{border-left-color:var(--unimpl)}.chip.failed{border-left-color:var(--failed)}
table{border-collapse:collapse;background:#fff;border:1px solid var(--line);border-radius:6px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;background:#f6f8fa;text-transform:uppercase;letter-spacing:.04em}
table.matrix th[scope=row]{text-transform:none;letter-spacing:0;font-size:13px;color:var(--fg);background:#fff}
table.matrix td.n{text-align:center;font-variant-numeric:tabular-nums;min-width:88px}
td.n.zero{color:#afb8c1}
td.ok.hit,.gcell.ok{background:var(--ok-bg);color:var(--ok);font-weight:600}
td.ns.hit,.gcell.ns{background:var(--ns-bg);color:var(--ns);font-weight:600}
td.info.hit,.gcell.info{background:var(--info-bg);color:var(--info);font-weight:600}
td.unimpl.hit,.gcell.unimpl{background:var(--unimpl-bg);color:var(--unimpl);font-weight:600}
td.failed.hit,.gcell.failed{background:var(--failed-bg);color:var(--failed);font-weight:600}
table.cases{width:100%}
table.cases td.id{font-size:12px;min-width:220px}
table.cases td.g,table.cases th.g{text-align:center;width:92px;min-width:92px;padding:4px;white-space:nowrap}

.dot{display:inline-block;width:12px;height:12px;border-radius:50%}
.ok .dot{background:var(--ok)}.ns .dot{background:var(--ns)}.info .dot{background:var(--info)}.unimpl .dot{background:var(--unimpl)}.failed .dot{background:var(--failed)}
.level{display:inline-block;font-size:11px;font-weight:700;border:1px solid var(--line);border-radius:4px;padding:0 5px;color:var(--muted)}
.level.MUST{color:var(--fg);border-color:#8c959f}
.grade{display:inline-block;font-size:11.5px;font-weight:700;border-radius:4px;padding:1px 7px;min-width:104px;text-align:center}
.grade.ok{background:var(--ok-bg);color:var(--ok)}.grade.ns{background:var(--ns-bg);color:var(--ns)}.grade.info{background:var(--info-bg);color:var(--info)}.grade.unimpl{background:var(--unimpl-bg);color:var(--unimpl)}.grade.failed{background:var(--failed-bg);color:var(--failed)}
details.case{background:#fff;border:1px solid var(--line);border-left:5px solid var(--line);border-radius:6px;margin:8px 0}
details.case.ok{border-left-color:var(--ok)}details.case.ns{border-left-color:var(--ns)}details.case.info{border-left-color:var(--info)}details.case.unimpl{border-left-color:var(--unimpl)}details.case.failed{border-left-color:var(--failed)}
details.case>summary{cursor:pointer;padding:9px 14px;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap;list-style:none}
details.case>summary::-webkit-details-marker{display:none}
details.case>summary::before{content:"▸";color:var(--muted);width:10px}
details.case[open]>summary::before{content:"▾"}
details.case>summary code{font-weight:600}
.case .body{padding:2px 18px 14px 38px;border-top:1px solid var(--line)}
.message{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--bg);border-radius:6px;padding:8px 12px;margin:12px 0}
.expect{font-size:13px;color:var(--muted)}
.expect b{color:var(--fg)}
h4{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:16px 0 6px}
.participants{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:12px}
.participant h5{margin:0 0 4px;font-size:13px}
table.trace{width:100%;font-size:12.5px}
table.trace td{padding:3px 8px}
table.trace td.t,table.trace td.kind,table.trace td.name{white-space:nowrap}
table.trace td.t{color:var(--muted);font-variant-numeric:tabular-nums}
table.trace td.data{overflow-wrap:anywhere;color:#393f46}
tr.k-error td.kind,tr.k-pageerror td.kind{color:var(--failed);font-weight:600}
tr.k-event td.kind{color:var(--info)}
.shots{display:flex;gap:12px;flex-wrap:wrap;align-items:flex-start}
figure{margin:0;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:6px;max-width:320px}
figure img{display:block;max-width:100%;max-height:220px;border-radius:3px;background:#fff}
figure .img{display:block;width:300px;max-width:100%;background-color:#fff;background-position:center;background-size:contain;background-repeat:no-repeat;border-radius:3px}
figcaption{font-size:12px;color:var(--muted);padding-top:4px;overflow-wrap:anywhere}
.none{color:var(--muted);font-style:italic}
ul.changes{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px 10px 32px}
footer{color:var(--muted);font-size:12px;padding:0 32px 32px}
@media print{details.case{break-inside:avoid}details.case>summary::before{content:""}}
`;

const gradeBadge = (g: Grade): string => `<span class="grade ${CLASS[g]}">${h(g)}</span>`;
const levelBadge = (l: string): string => `<span class="level ${h(l)}">${h(l)}</span>`;

function traceTable(entries: readonly TraceExcerptEntry[], max: number): string {
  const rows = entries.map((e) => {
    const full = e.data === undefined ? "" : json(e.data);
    const cut = full.length > max ? `${full.slice(0, max)}…` : full;
    const title = full.length > max ? ` title="${h(full.slice(0, 4000))}"` : "";
    return `<tr class="k-${h(e.kind.replace(/[^A-Za-z0-9-]/g, ""))}"><td class="t">${h(formatTime(e.t))}</td><td class="kind">${h(e.kind)}</td><td class="name"><code>${h(e.name)}</code></td><td class="data mono"${title}>${h(cut)}</td></tr>`;
  });
  return `<table class="trace"><thead><tr><th>t</th><th>kind</th><th>name</th><th>data</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/**
 * Inlined screenshots, each stored once: a CSS rule per image (`.shot-N`) holds the data URL, and
 * every figure that shows it refers to the class, so a screenshot used by several cases does not
 * repeat its bytes. CSS, not `<img>`, because the page allows no script to share them.
 */
interface InlineShots {
  classOf(file: string): { cls: string; ratio: string } | undefined;
  css(): string;
}

function inlineShots(data: RenderHtmlOptions["screenshotData"]): InlineShots {
  const rules: string[] = [];
  const known = new Map<string, { cls: string; ratio: string } | undefined>();
  return {
    classOf(file) {
      if (known.has(file)) return known.get(file);
      const given = data?.[file];
      let url: string | undefined;
      let ratio = "16 / 10";
      if (
        typeof given === "string" &&
        /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/.test(given)
      )
        url = given;
      else if (given instanceof Uint8Array) {
        url = `data:${mimeOf(file)};base64,${base64(given)}`;
        const size = pngSize(given);
        if (size) ratio = `${size.width} / ${size.height}`;
      }
      const entry = url ? { cls: `shot-${rules.length}`, ratio } : undefined;
      if (entry) rules.push(`.${entry.cls}{background-image:url("${url}")}`);
      known.set(file, entry);
      return entry;
    },
    css: () => rules.join("\n"),
  };
}

/** Width and height from a PNG's IHDR chunk, or undefined for anything else. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const png = [137, 80, 78, 71, 13, 10, 26, 10];
  if (bytes.length < 24 || png.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function screenshot(s: CertScreenshot, shots: InlineShots): string {
  const rel = relativePath(s.file);
  const inline = shots.classOf(s.file);
  const caption = [s.participantId, s.caption].filter(Boolean).join(" · ") || s.file;
  const img = inline
    ? `<span class="img ${inline.cls}" role="img" aria-label="${h(caption)}" style="aspect-ratio:${inline.ratio}"></span>`
    : rel
      ? `<img src="${h(rel)}" alt="${h(caption)}">`
      : `<span class="none">not linkable: ${h(s.file)}</span>`;
  const linked = rel ? `<a href="${h(rel)}">${img}</a>` : img;
  return `<figure>${linked}<figcaption>${h(caption)}<br><code>${h(s.file)}</code></figcaption></figure>`;
}

function caseDetails(r: ExpectedResult, options: RenderHtmlOptions, inline: InlineShots): string {
  const max = options.traceDataMax ?? 240;
  const cls = CLASS[r.grade];
  const open = r.grade === "FAILED" || r.grade === "NON-STRICT" ? " open" : "";
  const exp = r.expectation
    ? `<p class="expect">Expected <b>${h(r.expectation.grade)}</b> (${h(r.expectation.status)}): ${h(r.expectation.reason)}</p>`
    : "";
  const participants = Object.entries(r.evidence.trace).filter(([, list]) => list.length > 0);
  const trace =
    participants.length === 0
      ? `<p class="none">no trace excerpt</p>`
      : `<div class="participants">${participants
          .map(
            ([p, list]) =>
              `<div class="participant"><h5>${h(p)} <span class="level">${list.length}</span></h5>${traceTable(list, max)}</div>`,
          )
          .join("")}</div>`;
  const shots =
    r.evidence.screenshots.length === 0
      ? ""
      : `<h4>Screenshots</h4><div class="shots">${r.evidence.screenshots.map((s) => screenshot(s, inline)).join("")}</div>`;
  const duration =
    r.durationMs === undefined ? "" : `<span class="expect">${Math.round(r.durationMs)} ms</span>`;
  return `<details class="case ${cls}" id="${h(anchor(r.id))}"${open}><summary>${gradeBadge(r.grade)} ${levelBadge(r.level)} <code>${h(r.id)}</code> <span>${h(r.title)}</span> ${duration}</summary><div class="body"><div class="message">${h(r.message)}</div>${r.ref ? `<p class="ref">Rule: <code>${h(r.ref)}</code> (in the Yiqi repository)</p>` : ""}${exp}<h4>Trace</h4>${trace}${shots}</div></details>`;
}

/**
 * Renders `report.html`. Open it from disk; screenshots are referenced relative to the report
 * directory unless their bytes are passed in `options.screenshotData`.
 *
 * @example
 * ```ts
 * await writeFile(join(dir, "report.html"), renderHtml(run));
 * ```
 */
export function renderHtml(run: CertRun, options: RenderHtmlOptions = {}): string {
  const inline = inlineShots(options.screenshotData);
  const verdict = computeVerdict(run.results);
  const counts = countGrades(run.results);
  const started = isoTime(run.info.startedAt);
  const ended = isoTime(run.info.endedAt);
  const seconds = (Date.parse(ended) - Date.parse(started)) / 1000;
  const info: [string, string][] = [
    ["App", run.info.appUrl],
    ["Profile", run.info.profile],
    ["Browser", `${run.info.browser.name} ${run.info.browser.version}`],
    ["Participants", run.info.participants === undefined ? "—" : String(run.info.participants)],
    ["Yiqi", run.info.yiqiVersion],
    ["Catalogue revision", run.info.specRevision ?? SPEC_REVISION],
    ["Started", started],
    ["Duration", Number.isFinite(seconds) ? `${seconds.toFixed(1)} s` : "—"],
    ...(run.info.phases?.length
      ? [["Phases", formatPhases(run.info.phases)] as [string, string]]
      : []),
  ];
  const failedLinks = verdict.failedMust
    .map((id) => `<a href="#${h(anchor(id))}">${h(id)}</a>`)
    .join(", ");
  const rule = `${VERDICT_RULE[0]?.toUpperCase() ?? ""}${VERDICT_RULE.slice(1)}`;
  const ruleText = verdict.certified
    ? `${h(rule)}: none is.`
    : `${h(rule)}. ${verdict.failedMust.length} MUST case${verdict.failedMust.length === 1 ? "" : "s"} FAILED: ${failedLinks}`;

  const sections = [...new Set(run.results.map((r) => r.section))];
  const matrixRows = sections.map((s) => {
    const rs = run.results.filter((r) => r.section === s);
    const c = countGrades(rs);
    const cells = GRADES.map(
      (g) => `<td class="n ${CLASS[g]}${c[g] > 0 ? " hit" : " zero"}">${c[g]}</td>`,
    ).join("");
    const title = SPEC_SECTION_TITLES[s as SpecSection] ?? "";
    return `<tr><th scope="row">${h(s)} <span class="expect">${h(title)}</span></th>${cells}<td class="n">${rs.length}</td></tr>`;
  });
  const totals = GRADES.map(
    (g) => `<td class="n ${CLASS[g]}${counts[g] > 0 ? " hit" : " zero"}">${counts[g]}</td>`,
  ).join("");
  const matrix = `<table class="matrix"><thead><tr><th>Section</th>${GRADES.map((g) => `<th>${h(g)}</th>`).join("")}<th>Total</th></tr></thead><tbody>${matrixRows.join("")}<tr><th scope="row">All</th>${totals}<td class="n">${run.results.length}</td></tr></tbody></table>`;

  const chips = GRADES.map(
    (g) => `<div class="chip ${CLASS[g]}"><b>${counts[g]}</b><span>${h(g)}</span></div>`,
  ).join("");

  const caseRows = run.results.map((r) => {
    const cells = GRADES.map((g) =>
      g === r.grade
        ? `<td class="g gcell ${CLASS[g]}" title="${h(g)}"><span class="${CLASS[g]}"><span class="dot"></span></span></td>`
        : `<td class="g"></td>`,
    ).join("");
    return `<tr><td class="id"><a href="#${h(anchor(r.id))}"><code>${h(r.id).replace(/\./g, ".<wbr>")}</code></a></td><td>${levelBadge(r.level)}</td><td class="title">${h(r.title)}</td>${cells}</tr>`;
  });
  const caseMatrix = `<table class="cases"><thead><tr><th>Case</th><th>Level</th><th>Title</th>${GRADES.map((g) => `<th class="g" title="${h(g)}">${h(SHORT[g])}</th>`).join("")}</tr></thead><tbody>${caseRows.join("")}</tbody></table>`;

  const details = sections
    .map((s) => {
      const title = SPEC_SECTION_TITLES[s as SpecSection] ?? "";
      const items = run.results
        .filter((r) => r.section === s)
        .map((r) => caseDetails(r, options, inline));
      return `<h3 class="section">${h(s)} · ${h(title)}</h3>${items.join("")}`;
    })
    .join("");

  const exp = run.expectations;
  const expectations = exp
    ? `<h2>Expectations${exp.app ? ` <span class="expect">for ${h(exp.app)}</span>` : ""}</h2>${
        exp.changes.length === 0 && exp.stale.length === 0
          ? `<p class="none">every result matches the expectations file</p>`
          : `<ul class="changes">${exp.changes
              .map(
                (c) =>
                  `<li>${gradeBadge(c.actual)} <a href="#${h(anchor(c.id))}"><code>${h(c.id)}</code></a> ${h(c.status)}: expected ${h(c.expected)}</li>`,
              )
              .concat(
                exp.stale.map(
                  (e) => `<li><code>${h(e.id)}</code>: stale entry, no such case in this run</li>`,
                ),
              )
              .join("")}</ul>`
      }<p class="expect">CI exit: ${exp.unexpectedFailures.length > 0 ? `<b>1</b> (unexpected MUST failures: ${exp.unexpectedFailures.map(h).join(", ")})` : "<b>0</b>"}</p>`
    : "";

  const cls = verdict.certified ? "pass" : "fail";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data: file:">
<meta name="generator" content="Yiqi ${h(run.info.yiqiVersion)}">
<title>${h(verdict.label)} · ${h(run.info.profile)} · ${h(run.info.appUrl)} · Yiqi certification</title>
<style>${CSS}
${inline.css()}</style>
</head>
<body>
<header class="top ${cls}">
<div class="brand">Yiqi 一起 · Tencent Meeting app certification</div>
<div class="verdict"><span class="badge">${h(verdict.label)}</span><h1>${h(run.info.appUrl)}</h1></div>
<p class="rule">${ruleText}</p>
<dl class="info">${info.map(([k, v]) => `<div><dt>${h(k)}</dt><dd>${h(v)}</dd></div>`).join("")}</dl>
</header>
<main>
<h2>Summary</h2>
<div class="chips">${chips}</div>
${matrix}
${expectations}
<h2>Cases by grade</h2>
${caseMatrix}
<h2>Details</h2>
${details}
</main>
<footer>Generated by Yiqi ${h(run.info.yiqiVersion)} · catalogue ${h(run.info.specRevision ?? SPEC_REVISION)} · finished ${h(ended)}. Grades: OK, NON-STRICT (deviates from a SHOULD), INFORMATIONAL, UNIMPLEMENTED (feature not used), FAILED (violates a MUST).</footer>
</body>
</html>
`;
}
