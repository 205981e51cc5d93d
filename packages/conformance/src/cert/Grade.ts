/**
 * Grades and levels of certification cases: two closed sets and the rule that ties them.
 *
 * @module
 */

/**
 * The grade of one case, a closed set:
 *
 * - `OK`: the rule holds;
 * - `NON-STRICT`: the app deviates from a SHOULD;
 * - `INFORMATIONAL`: something worth listing, not judged (a MAY, e.g. calls outside the
 *   emulated surface);
 * - `UNIMPLEMENTED`: the app does not use the feature the case checks;
 * - `FAILED`: the app violates a MUST.
 */
export const Grade = {
  OK: "OK",
  NON_STRICT: "NON-STRICT",
  INFORMATIONAL: "INFORMATIONAL",
  UNIMPLEMENTED: "UNIMPLEMENTED",
  FAILED: "FAILED",
} as const;
/** One of the {@link Grade} values. */
export type Grade = (typeof Grade)[keyof typeof Grade];

/** Every grade, from best to worst (the order of report columns). */
export const GRADES: readonly Grade[] = [
  Grade.OK,
  Grade.NON_STRICT,
  Grade.INFORMATIONAL,
  Grade.UNIMPLEMENTED,
  Grade.FAILED,
];

/** The requirement level of a case (RFC 2119 words). */
export const Level = { MUST: "MUST", SHOULD: "SHOULD", MAY: "MAY" } as const;
/** One of the {@link Level} values. */
export type Level = (typeof Level)[keyof typeof Level];

/** Every level, strongest first. */
export const LEVELS: readonly Level[] = [Level.MUST, Level.SHOULD, Level.MAY];

/** True when `value` is one of the {@link GRADES}. */
export function isGrade(value: unknown): value is Grade {
  return typeof value === "string" && (GRADES as readonly string[]).includes(value);
}

/** True when `value` is one of the {@link LEVELS}. */
export function isLevel(value: unknown): value is Level {
  return typeof value === "string" && (LEVELS as readonly string[]).includes(value);
}

/**
 * The grade a violation of a case of `level` gets: MUST → `FAILED`, SHOULD → `NON-STRICT`,
 * MAY → `INFORMATIONAL`.
 */
export function violationGrade(level: Level): Grade {
  return level === "MUST"
    ? Grade.FAILED
    : level === "SHOULD"
      ? Grade.NON_STRICT
      : Grade.INFORMATIONAL;
}

/**
 * The grades a case of `level` can have: `OK`, `UNIMPLEMENTED` and its {@link violationGrade}.
 * So NON-STRICT on a MUST is impossible by construction: a MUST either holds (`OK`), does not
 * apply (`UNIMPLEMENTED`), or is `FAILED`; and a SHOULD is never `FAILED`.
 */
export function allowedGrades(level: Level): readonly Grade[] {
  return [Grade.OK, violationGrade(level), Grade.UNIMPLEMENTED];
}

/**
 * Maps any grade onto the {@link allowedGrades} of `level`: `OK` and `UNIMPLEMENTED` stay, every
 * other grade is read as "the rule does not hold" and becomes the level's {@link violationGrade}
 * (fail closed: `NON-STRICT` or `INFORMATIONAL` on a MUST becomes `FAILED`).
 *
 * @example
 * ```ts
 * normalizeGrade("MUST", "NON-STRICT"); // "FAILED"
 * normalizeGrade("SHOULD", "FAILED"); // "NON-STRICT"
 * ```
 */
export function normalizeGrade(level: Level, grade: Grade): Grade {
  return grade === Grade.OK || grade === Grade.UNIMPLEMENTED ? grade : violationGrade(level);
}
