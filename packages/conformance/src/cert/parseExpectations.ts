/**
 * The per-app expectations file (`yiqi-expectations.json`): recorded, justified deviations.
 *
 * ```json
 * {
 *   "app": "Pixel Party",
 *   "setup": "./certify.setup.mjs",
 *   "expectations": [
 *     { "id": "A3.leave.rejoin", "grade": "NON-STRICT", "reason": "state restored on next tick only (#42)" }
 *   ]
 * }
 * ```
 *
 * @module
 */
import type { CertCase } from "./CertCase.ts";
import { CertError, type CertErrorCode } from "./CertError.ts";
import { allowedGrades, GRADES, type Grade, isGrade } from "./Grade.ts";
import { nearestId } from "./nearestId.ts";

/** One recorded deviation: the grade a case is expected to get, and why. */
export interface Expectation {
  /** The case id. */
  id: string;
  /** The expected grade. */
  grade: Grade;
  /** Why this deviation is accepted (an issue link, a vendor's statement). Required. */
  reason: string;
}

/** A parsed expectations file. */
export interface Expectations {
  /** The app the file is for (free text; shown in reports). */
  app: string;
  /**
   * The developer's setup module (`yiqi certify --setup`), relative to the file: for apps that
   * load the SDK on a user action. Optional.
   */
  setup?: string;
  expectations: Expectation[];
}

/** Options of {@link parseExpectations}. */
export interface ParseExpectationsOptions {
  /** Where the text came from, for messages (default `yiqi-expectations.json`). */
  source?: string;
  /**
   * Known cases (the catalogue and the generated negative cases): when given, an id not in the
   * list is an error naming the nearest id, and a grade the case's level cannot have
   * (NON-STRICT on a MUST) is an error.
   */
  cases?: readonly CertCase[];
}

const ID = /^A[1-4](\.[A-Za-z0-9_-]+)+$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses and checks an expectations file (text or already-parsed JSON).
 *
 * @throws {CertError} with a code saying what is wrong: `EXPECTATIONS_NOT_JSON`,
 * `EXPECTATIONS_SHAPE`, `EXPECTATIONS_BAD_ID`, `EXPECTATIONS_UNKNOWN_ID`, `EXPECTATIONS_BAD_GRADE`,
 * `EXPECTATIONS_GRADE_NOT_ALLOWED`, `EXPECTATIONS_NO_REASON`, `EXPECTATIONS_DUPLICATE`; the
 * message names the file and the entry (`expectations[2].grade`).
 * @example
 * ```ts
 * const exp = parseExpectations(await Deno.readTextFile("yiqi-expectations.json"));
 * ```
 */
export function parseExpectations(
  input: string | unknown,
  options: ParseExpectationsOptions = {},
): Expectations {
  const source = options.source ?? "yiqi-expectations.json";
  function fail(code: CertErrorCode, msg: string): never {
    throw new CertError(code, `${source}: ${msg}`);
  }
  let data: unknown = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input);
    } catch (e) {
      fail(
        "EXPECTATIONS_NOT_JSON",
        `not valid JSON (${e instanceof Error ? e.message : String(e)}); the file must be a JSON object { "app", "expectations": [...] }`,
      );
    }
  }
  if (!isObject(data))
    return fail(
      "EXPECTATIONS_SHAPE",
      'must be a JSON object { "app": string, "expectations": [...] }',
    );
  if (typeof data.app !== "string" || data.app.trim() === "")
    fail("EXPECTATIONS_SHAPE", '"app" must be a non-empty string naming the app');
  if (data.setup !== undefined && (typeof data.setup !== "string" || data.setup.trim() === ""))
    fail(
      "EXPECTATIONS_SHAPE",
      '"setup" must be the path of a setup module relative to this file, e.g. "./certify.setup.mjs"',
    );
  // `$schema` and other `$` keys are editors' business; any other key is a typo to report.
  const extraTop = Object.keys(data).filter(
    (k) => !k.startsWith("$") && !["app", "setup", "expectations"].includes(k),
  );
  if (extraTop.length > 0)
    fail(
      "EXPECTATIONS_SHAPE",
      `unknown keys ${extraTop.join(", ")}; only "app", "setup" and "expectations"`,
    );
  if (!Array.isArray(data.expectations))
    fail("EXPECTATIONS_SHAPE", '"expectations" must be an array of { "id", "grade", "reason" }');
  const known = new Map((options.cases ?? []).map((c) => [c.id, c]));
  const seen = new Set<string>();
  const out: Expectation[] = [];
  for (const [i, entry] of (data.expectations as unknown[]).entries()) {
    const at = `expectations[${i}]`;
    if (!isObject(entry))
      fail("EXPECTATIONS_SHAPE", `${at} must be an object { "id", "grade", "reason" }`);
    const { id, grade, reason } = entry;
    if (typeof id !== "string" || !ID.test(id))
      fail(
        "EXPECTATIONS_BAD_ID",
        `${at}.id must be a case id such as "A3.leave.rejoin", got ${JSON.stringify(id)}`,
      );
    if (!isGrade(grade))
      fail(
        "EXPECTATIONS_BAD_GRADE",
        `${at}.grade must be one of ${GRADES.join(", ")}, got ${JSON.stringify(grade)}`,
      );
    if (typeof reason !== "string" || reason.trim() === "")
      fail("EXPECTATIONS_NO_REASON", `${at}.reason must say why the deviation is accepted`);
    const caseId = id as string;
    const g = grade as Grade;
    if (seen.has(caseId))
      fail("EXPECTATIONS_DUPLICATE", `${at}: ${caseId} appears twice; keep one entry per case`);
    seen.add(caseId);
    const c = known.get(caseId);
    if (!c && known.size > 0)
      fail(
        "EXPECTATIONS_UNKNOWN_ID",
        `${at}.id ${JSON.stringify(caseId)} is not a case of this Yiqi version: did you mean ${JSON.stringify(nearestId(caseId, known.keys()))}? (Remove entries for retired cases.)`,
      );
    if (c && !allowedGrades(c.level).includes(g))
      fail(
        "EXPECTATIONS_GRADE_NOT_ALLOWED",
        `${at}: ${caseId} is a ${c.level} case and cannot be ${g}; use one of ${allowedGrades(c.level).join(", ")}`,
      );
    const extra = Object.keys(entry).filter((k) => !["id", "grade", "reason"].includes(k));
    if (extra.length > 0)
      fail(
        "EXPECTATIONS_SHAPE",
        `${at} has unknown keys ${extra.join(", ")}; only id, grade, reason`,
      );
    out.push({ id: caseId, grade: g, reason: (reason as string).trim() });
  }
  return {
    app: (data.app as string).trim(),
    ...(typeof data.setup === "string" ? { setup: data.setup.trim() } : {}),
    expectations: out,
  };
}
