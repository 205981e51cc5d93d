/**
 * The setup module of `yiqi certify` (`--setup FILE`, or `"setup"` in yiqi-expectations.json):
 * a local ES module that is imported and run, like playwright.config. Where it may come from is
 * checked before it is imported: a path to an existing local file, relative to the file that
 * names it; never a URL, a `data:` or `node:` specifier (docs/security/threat-model.md).
 *
 * @module
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { CertError } from "@yiqi/conformance";

/** A specifier with a scheme (`https:`, `data:`, `node:`, `file:`), not a Windows drive (`C:\`). */
const SCHEME = /^(?![a-z]:[\\/])[a-z][a-z0-9+.-]*:/i;

/**
 * The absolute path of the setup module `spec`, resolved against `baseDir` (the directory of the
 * expectations file that names it, or the working directory for `--setup`).
 *
 * @param source Where `spec` was written, for the message (`--setup`, `yiqi-expectations.json`).
 * @throws {CertError} `BAD_OPTIONS` when `spec` is a URL or a `data:` / `node:` specifier, or
 *   not an existing file.
 */
export function setupModulePath(spec: string, baseDir: string, source: string): string {
  if (SCHEME.test(spec))
    throw new CertError(
      "BAD_OPTIONS",
      `the setup module ${JSON.stringify(spec)} of ${source} is not a local file: write a path to an ES module in your project, relative to ${source === "--setup" ? "the working directory" : "that file"} (e.g. ./certify.setup.mjs); URLs, data: and node: specifiers are refused because the module is imported and run`,
    );
  const file = resolve(baseDir, spec);
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile)
    throw new CertError(
      "BAD_OPTIONS",
      `the setup module ${file} (from ${source}) is not a file: check the path, written relative to ${source === "--setup" ? "the working directory" : "that file"}`,
    );
  return file;
}
