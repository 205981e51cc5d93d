/**
 * A finished certification run: what the report renderers take.
 *
 * @module
 */
import type { ExpectationChange, ExpectedResult } from "./applyExpectations.ts";
import type { Expectation } from "./parseExpectations.ts";

/**
 * The SPEC revision the catalogue implements: `r<N>-<first 12 hex of sha256(SPEC.md)>`. Bump
 * `N` (and the hash) whenever SPEC.md changes in a way that changes a case.
 */
export const SPEC_REVISION = "r1-6021a44a8e8d";

/** Facts about a run, for `run_info`. */
export interface CertRunInfo {
  /** The `@yiqi/*` version that ran it. */
  yiqiVersion: string;
  /** Default {@link SPEC_REVISION}. */
  specRevision?: string;
  /** The app URL under test. */
  appUrl: string;
  /** The browser that ran the app. */
  browser: { name: string; version: string };
  /** The profile name (`collab-basic`, `collab-full`). */
  profile: string;
  /** Simulated participants. */
  participants?: number;
  /** ISO 8601, or a Date. */
  startedAt: string | Date;
  /** ISO 8601, or a Date. */
  endedAt: string | Date;
  /**
   * What the browser could reach: the allowed origins and the requests refused (one per origin).
   * Written by `yiqi certify` (decision 0301).
   */
  network?: CertRunNetwork;
  /**
   * How long each phase of the run took, in run order (`yiqi certify` writes them; decision
   * 0313). Phases that overlap another (the browser launching while the harness starts) are
   * one entry.
   */
  phases?: CertRunPhase[];
}

/** One phase of a run and its wall time (see {@link CertRunInfo.phases}). */
export interface CertRunPhase {
  /** `preflight`, `load`, `start`, `join`, `reload`, `leave`, `rejoin`, `end`, `drain`, `grade`. */
  name: string;
  /** Wall time in ms. */
  ms: number;
}

/** The network fence of a run (see {@link CertRunInfo.network}). */
export interface CertRunNetwork {
  allowed: string[];
  blocked: { url: string; participantId?: string }[];
}

/** What applying an expectations file added to a run. */
export interface CertRunExpectations {
  /** The `app` named by the file. */
  app?: string;
  changes: ExpectationChange[];
  stale: Expectation[];
  unexpectedFailures: string[];
}

/** A finished run. */
export interface CertRun {
  info: CertRunInfo;
  /** Results in run order (with their expectation when an expectations file was applied). */
  results: readonly ExpectedResult[];
  /** Present when an expectations file was applied. */
  expectations?: CertRunExpectations;
}

/** An ISO 8601 string for a Date or a string (strings pass through). */
export function isoTime(t: string | Date): string {
  return typeof t === "string" ? t : t.toISOString();
}
