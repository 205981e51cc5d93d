/**
 * `junit.xml` for CI systems (GitHub, GitLab, Jenkins, Azure, CircleCI read this dialect).
 *
 * Mapping (docs/decisions/0300-certification-grades.md):
 * - one `<testsuite>` per section, one `<testcase>` per case
 *   (`classname="yiqi.A3"`, `name="<id>: <title>"`);
 * - `FAILED` → `<failure type="FAILED">` unless an expectations file recorded FAILED for it;
 * - every other grade passes: the grade, level and message go to `<system-out>`. No grade maps
 *   to `<skipped>`: CI policies that forbid skipped tests would reject UNIMPLEMENTED apps.
 *
 * @module
 */
import type { ExpectedResult } from "./applyExpectations.ts";
import { SPEC_SECTION_TITLES, type SpecSection } from "./CertCase.ts";
import { type CertRun, isoTime, SPEC_REVISION } from "./CertRun.ts";
import { computeVerdict } from "./computeVerdict.ts";
import { escapeXml } from "./escape.ts";

const attr = (v: string | number): string => `"${escapeXml(String(v), true)}"`;
const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

/** True when this result is a `<failure>` in JUnit terms. */
export function isJunitFailure(r: ExpectedResult): boolean {
  return r.grade === "FAILED" && r.expectation?.grade !== "FAILED";
}

const caseXml = (r: ExpectedResult): string => {
  const head = `    <testcase classname=${attr(`yiqi.${r.section}`)} name=${attr(`${r.id}: ${r.title}`)} time=${attr(seconds(r.durationMs))}>`;
  const lines = [head];
  if (isJunitFailure(r))
    lines.push(
      `      <failure type="FAILED" message=${attr(r.message)}>${escapeXml(`${r.level} ${r.id}: ${r.message}`)}</failure>`,
    );
  const expected = r.expectation
    ? `\nexpected: ${r.expectation.grade} (${r.expectation.status}): ${r.expectation.reason}`
    : "";
  const shots = r.evidence.screenshots.map((s) => `\nscreenshot: ${s.file}`).join("");
  lines.push(
    `      <system-out>${escapeXml(`grade: ${r.grade}\nlevel: ${r.level}\n${r.message}${expected}${r.ref ? `\nrule: ${r.ref}` : ""}${shots}`)}</system-out>`,
  );
  lines.push("    </testcase>");
  return lines.join("\n");
};

/**
 * Renders `junit.xml`: a `<testsuites>` root with the run info as properties of each suite.
 *
 * @example
 * ```ts
 * await writeFile(join(dir, "junit.xml"), renderJunit(run));
 * ```
 */
export function renderJunit(run: CertRun): string {
  const verdict = computeVerdict(run.results);
  const started = isoTime(run.info.startedAt);
  const sections = new Map<string, ExpectedResult[]>();
  for (const r of run.results) sections.set(r.section, [...(sections.get(r.section) ?? []), r]);
  const props: [string, string][] = [
    ["yiqi.version", run.info.yiqiVersion],
    ["yiqi.spec_revision", run.info.specRevision ?? SPEC_REVISION],
    ["yiqi.app_url", run.info.appUrl],
    ["yiqi.browser", `${run.info.browser.name} ${run.info.browser.version}`],
    ["yiqi.profile", run.info.profile],
    ["yiqi.verdict", verdict.label],
  ];
  const propsXml = [
    "    <properties>",
    ...props.map(([k, v]) => `      <property name=${attr(k)} value=${attr(v)}/>`),
    "    </properties>",
  ].join("\n");
  const suites: string[] = [];
  // Cases judge overlapping phases, so the run's wall time is the honest total.
  const wall = Date.parse(isoTime(run.info.endedAt)) - Date.parse(isoTime(run.info.startedAt));
  const wallMs = Number.isFinite(wall) && wall >= 0 ? wall : undefined;
  let totalFailures = 0;
  let totalTime = 0;
  for (const [section, results] of sections) {
    const failures = results.filter(isJunitFailure).length;
    const time = results.reduce((s, r) => s + (r.durationMs ?? 0), 0);
    totalFailures += failures;
    totalTime += time;
    const title = SPEC_SECTION_TITLES[section as SpecSection] ?? section;
    suites.push(
      [
        `  <testsuite name=${attr(`${section} ${title}`)} tests=${attr(results.length)} failures=${attr(failures)} errors="0" skipped="0" time=${attr(seconds(time))} timestamp=${attr(started.replace(/Z$/, ""))}>`,
        propsXml,
        ...results.map(caseXml),
        "  </testsuite>",
      ].join("\n"),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name=${attr(`yiqi certify ${run.info.profile}: ${verdict.label}`)} tests=${attr(run.results.length)} failures=${attr(totalFailures)} errors="0" skipped="0" time=${attr(seconds(wallMs ?? totalTime))}>`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
