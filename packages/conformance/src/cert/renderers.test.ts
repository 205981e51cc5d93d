import assert from "node:assert/strict";
import { test } from "node:test";
import { certResult, traceExcerpt } from "./CertCaseResult.ts";
import type { CertRun } from "./CertRun.ts";
import { SPEC_REVISION } from "./CertRun.ts";
import { certCases } from "./certCases.ts";
import { computeVerdict, countGrades } from "./computeVerdict.ts";
import { escapeHtml, escapeXml } from "./escape.ts";
import { formatPhases } from "./formatPhases.ts";
import { formatProgress } from "./formatProgress.ts";
import { renderHtml } from "./renderHtml.ts";
import { renderJunit } from "./renderJunit.ts";
import { buildReportJson, renderReportJson } from "./renderReportJson.ts";
import { HOSTILE, sampleResults, sampleRun } from "./sampleRun.fixture.test.ts";

/**
 * A tiny well-formedness check (no DOMParser in Node): tokenises tags, checks nesting and that
 * every `&` starts a known entity or a character reference, and that no raw `<` sits in text or
 * attributes.
 */
function assertWellFormedXml(xml: string): { tags: Map<string, number> } {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const tags = new Map<string, number>();
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  let roots = 0;
  // biome-ignore lint/suspicious/noAssignInExpressions: tokenizer loop
  while ((m = re.exec(body)) !== null) {
    const [, close, name, attrs, selfClose, text, stray] = m;
    if (stray) assert.fail(`raw "<" at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    const chunk = text ?? attrs ?? "";
    for (const amp of chunk.matchAll(/&([^;\s]*);?/g))
      assert.match(amp[0], /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/, `bad entity ${amp[0]}`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for them
    assert.doesNotMatch(chunk, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, "control character");
    if (text !== undefined) {
      if (stack.length === 0) assert.match(text, /^\s*$/, "text outside the root");
      continue;
    }
    if (!name) continue;
    if (close) {
      assert.equal(stack.pop(), name, `mismatched </${name}>`);
    } else {
      if (stack.length === 0) roots += 1;
      tags.set(name, (tags.get(name) ?? 0) + 1);
      if (!selfClose) stack.push(name);
    }
  }
  assert.deepEqual(stack, [], "unclosed elements");
  assert.equal(roots, 1, "exactly one root");
  return { tags };
}

const decodeAttr = (s: string): string =>
  s
    .replace(/&#10;/g, "\n")
    .replace(/&#13;/g, "\r")
    .replace(/&#9;/g, "\t")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

test("escapeHtml and escapeXml neutralise markup; XML drops characters it cannot carry", () => {
  assert.equal(
    escapeHtml(`<a href="x">'&'</a>`),
    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
  );
  assert.equal(escapeXml("a\u0000b\u0007c\uD800d\tx\ny"), "a\uFFFDb\uFFFDc\uFFFDd\tx\ny");
  assert.equal(escapeXml("a\nb", true), "a&#10;b");
  assert.equal(escapeXml("😀"), "😀");
});

test("report.json has run_info, verdict, counts and results with evidence", () => {
  const run = sampleRun();
  const json = JSON.parse(renderReportJson(run)) as ReturnType<typeof buildReportJson>;
  assert.deepEqual(Object.keys(json), [
    "format",
    "run_info",
    "verdict",
    "counts",
    "expectations",
    "results",
  ]);
  assert.deepEqual(json.run_info, {
    yiqi_version: "0.1.0",
    spec_revision: SPEC_REVISION,
    app_url: "https://pixel-party.example/app/?room=7&lang=zh-CN",
    browser: { name: "chromium", version: "131.0.6778.85" },
    profile: "collab-full",
    participants: 3,
    started_at: "2025-03-14T09:26:53.000Z",
    ended_at: "2025-03-14T09:27:17.317Z",
    duration_ms: 24317,
  });
  assert.equal(json.verdict.certified, false);
  assert.deepEqual(json.verdict.failed_must, computeVerdict(run.results).failedMust);
  assert.ok(json.verdict.failed_must.includes("A3.event.join"));
  const counts = countGrades(run.results);
  assert.deepEqual(json.counts, { ...counts, total: run.results.length });
  assert.equal(
    Object.values(counts).reduce((a, b) => a + b, 0),
    run.results.length,
  );
  assert.ok(
    counts.OK > 0 &&
      counts["NON-STRICT"] > 0 &&
      counts.INFORMATIONAL > 0 &&
      counts.UNIMPLEMENTED > 0 &&
      counts.FAILED > 0,
  );
  const join = json.results.find((r) => r.id === "A3.event.join");
  assert.ok(join);
  assert.deepEqual(Object.keys(join.evidence.trace), ["p1", "p2"]);
  assert.equal(join.evidence.trace.p2?.[3]?.kind, "pageerror");
  assert.equal(join.evidence.screenshots[0]?.file, "screenshots/A3.event.join-p2.png");
  assert.deepEqual(json.results.find((r) => r.id === "A3.leave.rejoin")?.expected, {
    grade: "NON-STRICT",
    reason: "board state arrives with the next move (issue #42)",
    status: "met",
  });
  assert.equal(json.expectations?.ci_exit_code, 1);
  assert.deepEqual(json.expectations?.stale, ["A3.retired.case"]);
});

test("a run with no failures is certified", () => {
  const ok = sampleResults.filter((r) => r.grade !== "FAILED");
  const run: CertRun = { ...sampleRun(), results: ok };
  delete run.expectations;
  const json = buildReportJson(run);
  assert.equal(json.verdict.certified, true);
  assert.equal(json.verdict.label, "CERTIFIED");
  assert.equal(json.expectations, undefined);
});

test("junit.xml is well-formed, one suite per section, FAILED → <failure>, no <skipped>", () => {
  const run = sampleRun();
  const xml = renderJunit(run);
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
  const { tags } = assertWellFormedXml(xml);
  const sections = new Set(run.results.map((r) => r.section));
  assert.equal(tags.get("testsuite"), sections.size);
  assert.equal(tags.get("testcase"), run.results.length);
  assert.equal(tags.get("skipped"), undefined);
  // The total is the run's wall time (cases judge overlapping phases; their sum would overstate).
  assert.match(xml, /<testsuites [^>]*time="24\.317">/);
  assert.equal(tags.get("system-out"), run.results.length);
  // A3.event.join and the generated already-joined case failed unexpectedly; A2.args.match-spec
  // FAILED as the expectations file says, so it is not a <failure>.
  assert.equal(tags.get("failure"), 2);
  assert.match(
    xml,
    /<testsuites name="yiqi certify collab-full: NOT CERTIFIED" tests="\d+" failures="2" errors="0" skipped="0"/,
  );
  assert.match(xml, /<testcase classname="yiqi\.A3" name="A3\.event\.join: Every open instance/);
  assert.match(xml, /<testsuite name="A1 How a real app gets the API" tests="3" failures="0"/);
  assert.match(xml, /<property name="yiqi\.spec_revision" value="r1-/);
  assert.match(xml, /grade: UNIMPLEMENTED\nlevel: MUST\n/);
  assert.match(xml, /grade: FAILED\nlevel: MUST\nm?.*\nexpected: FAILED \(met\)/);
  // The hostile message survives a round trip through the failure attribute.
  const attr = /<failure type="FAILED" message="([^"]*)">/.exec(xml)?.[1];
  assert.ok(attr);
  const message = run.results.find((r) => r.id === "A3.event.join")?.message ?? "";
  // Round trip, except the BEL character XML cannot carry (replaced by U+FFFD).
  assert.equal(decodeAttr(attr), message.replace("\u0007", "\uFFFD"));
  assert.ok(!xml.includes("<script>"));
  assert.ok(!xml.includes("\u0007"));
});

test("phase timings: run_info.phases in report.json (whole ms), one line in report.html", () => {
  const phases = [
    { name: "preflight", ms: 812.4 },
    { name: "load", ms: 1490.6 },
    { name: "drain", ms: 1702 },
  ];
  const run = { ...sampleRun(), info: { ...sampleRun().info, phases } };
  assert.deepEqual(buildReportJson(run).run_info.phases, [
    { name: "preflight", ms: 812 },
    { name: "load", ms: 1491 },
    { name: "drain", ms: 1702 },
  ]);
  const line = formatPhases(phases);
  assert.equal(line, "preflight 0.8 s · load 1.5 s · drain 1.7 s (4.0 s)");
  assert.ok(renderHtml(run).includes(`<dt>Phases</dt><dd>${escapeHtml(line)}</dd>`));
  // A run without timings (an older report, the API without the runner) has neither.
  assert.equal(buildReportJson(sampleRun()).run_info.phases, undefined);
  assert.ok(!renderHtml(sampleRun()).includes("<dt>Phases</dt>"));
  assert.equal(formatPhases([]), "");
});

test("report.html escapes app strings, has no script, and shows verdict, matrix and cases", () => {
  const run = sampleRun();
  const html = renderHtml(run);
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img src=x/);
  assert.doesNotMatch(html, /<[^>]*onerror=/i);
  assert.ok(html.includes(escapeHtml(HOSTILE)));
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, "no external assets");
  assert.doesNotMatch(html, /href="javascript:/i);
  assert.match(html, /<span class="badge">NOT CERTIFIED<\/span>/);
  for (const r of run.results) assert.ok(html.includes(`id="case-${r.id}"`), r.id);
  assert.equal(html.match(/<details class="case /g)?.length, run.results.length);
  assert.match(html, /<details class="case failed" id="case-A3\.event\.join" open>/);
  assert.match(html, /<details class="case ok" id="case-A1\.load\.no-uncaught-error">/);
  assert.match(html, /<img src="screenshots\/A3\.event\.join-p2\.png"/);
  assert.match(html, /not linkable: javascript:alert\(1\)/);
  assert.match(html, /stale entry/);
  // Inlined screenshot bytes become a data URL.
  const inlined = renderHtml(run, {
    screenshotData: { "screenshots/A3.event.join-p2.png": new Uint8Array([137, 80, 78, 71]) },
  });
  assert.match(inlined, /\.shot-0\{background-image:url\("data:image\/png;base64,iVBORw=="\)\}/);
  assert.match(inlined, /<span class="img shot-0" role="img" aria-label="[^"]*"/);
  assert.doesNotMatch(inlined, /<img src="screenshots\/A3\.event\.join-p2\.png"/);
  // A screenshot shown by several cases is stored once, its size read from the PNG header.
  const png = new Uint8Array(64);
  png.set([
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 5, 20, 0, 0, 3, 132,
  ]);
  const shared = { file: "screenshots/shared.png", caption: "shared" };
  const twice = {
    ...run,
    results: run.results.map((r, i) =>
      i < 2 ? { ...r, evidence: { ...r.evidence, screenshots: [shared] } } : r,
    ),
  };
  const once = renderHtml(twice, { screenshotData: { "screenshots/shared.png": png } });
  assert.equal(once.split("data:image/png;base64,").length - 1, 1, "the bytes appear once");
  assert.equal(once.match(/class="img shot-0"/g)?.length, 2, "both cases show it");
  assert.match(once, /aspect-ratio:1300 \/ 900/);
  // Counts in the matrix's total row.
  const counts = countGrades(run.results);
  assert.ok(
    html.includes(
      `<td class="n failed hit">${counts.FAILED}</td><td class="n">${run.results.length}</td></tr></tbody>`,
    ),
  );
});

test("formatProgress prints one line with the verdict so far", () => {
  const [a, b] = [
    certResult(certCases[0]!, { grade: "OK", message: "fine" }),
    certResult(certCases[1]!, { grade: "FAILED", message: "p2 never\nreached the host" }),
  ];
  assert.equal(
    formatProgress(a!, 0, 12),
    "[ 1/12] OK            MUST   A1.load.no-uncaught-error — fine | so far: certified",
  );
  const line = formatProgress(b!, 1, 12, [a!, b!]);
  assert.equal(
    line,
    "[ 2/12] FAILED        MUST   A1.load.reaches-host — p2 never reached the host | so far: NOT CERTIFIED (1 MUST failed)",
  );
  assert.ok(!line.includes("\n"));
});

test("traceExcerpt groups by participant, windows and limits", () => {
  const entries = [
    { t: 1, kind: "call", name: "collaboration.start", participantId: "p1" },
    { t: 2, kind: "state", name: "session.started" },
    {
      t: 3,
      kind: "event",
      name: "collaboration-change",
      participantId: "p2",
      data: { action: "start" },
    },
    { t: 4, kind: "call", name: "app.getAppInfo", participantId: "p2" },
    { t: 9, kind: "call", name: "collaboration.join", participantId: "p2" },
  ];
  assert.deepEqual(Object.keys(traceExcerpt(entries)), ["p1", "meeting", "p2"]);
  const cut = traceExcerpt(entries, { from: 2, to: 5, names: ["collaboration*", "session."] });
  assert.deepEqual(cut, {
    meeting: [{ t: 2, kind: "state", name: "session.started" }],
    p2: [
      {
        t: 3,
        kind: "event",
        name: "collaboration-change",
        participantId: "p2",
        data: { action: "start" },
      },
    ],
  });
  assert.deepEqual(
    traceExcerpt(entries, { limit: 1 }).p2?.map((e) => e.t),
    [9],
  );
});
