/**
 * Writes a run's reports to disk: `report.json`, `junit.xml` and a self-contained
 * `report.html` (the renderers are `../cert/`'s).
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CertRun } from "../cert/CertRun.ts";
import { renderHtml } from "../cert/renderHtml.ts";
import { renderJunit } from "../cert/renderJunit.ts";
import { renderReportJson } from "../cert/renderReportJson.ts";

/** The files {@link writeCertReports} writes. */
export interface CertReportFiles {
  json: string;
  junit: string;
  html: string;
}

/**
 * Writes `report.json`, `junit.xml` and `report.html` of `run` into `dir` (created if needed);
 * screenshots are expected under `dir` already (the runner writes them there) and are inlined
 * into `report.html`, each once.
 *
 * @example
 * ```ts
 * const { html } = writeCertReports("yiqi-report", outcome.run);
 * ```
 */
export function writeCertReports(dir: string, run: CertRun): CertReportFiles {
  mkdirSync(dir, { recursive: true });
  const files = {
    json: join(dir, "report.json"),
    junit: join(dir, "junit.xml"),
    html: join(dir, "report.html"),
  };
  writeFileSync(files.json, renderReportJson(run));
  writeFileSync(files.junit, renderJunit(run));
  // report.html carries its screenshots (each once), so it can be mailed or archived alone.
  const screenshotData: Record<string, Uint8Array> = {};
  for (const r of run.results)
    for (const s of r.evidence.screenshots) {
      const path = join(dir, s.file);
      if (!(s.file in screenshotData) && existsSync(path))
        screenshotData[s.file] = readFileSync(path);
    }
  writeFileSync(files.html, renderHtml(run, { screenshotData }));
  return files;
}
