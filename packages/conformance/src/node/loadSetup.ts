/**
 * Loads a certify setup module (`--setup FILE`, `"setup"` in yiqi-expectations.json, a catalogue
 * entry's `setup`): the default export of a local ES module, run in each participant's frame.
 * Where the path may point is checked by the caller before (docs/security/threat-model.md).
 *
 * @module
 */
import { pathToFileURL } from "node:url";
import { CertError } from "../cert/CertError.ts";
import type { CertifySetup } from "./options.ts";

/**
 * The default export of the setup module at the absolute path `file` (a function of the frame).
 *
 * @throws {CertError} `BAD_OPTIONS` when the module has no default export function.
 * @example
 * ```ts
 * const setup = await loadSetup("/work/app/certify.setup.mjs");
 * ```
 */
export async function loadSetup(file: string): Promise<CertifySetup> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (typeof mod.default !== "function")
    throw new CertError(
      "BAD_OPTIONS",
      `${file} has no default export function: write \`export default async function setup(frame, { participantId }) { await frame.click("#menu"); }\``,
    );
  return mod.default as CertifySetup;
}
