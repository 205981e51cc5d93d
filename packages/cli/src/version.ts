/**
 * The version of `@yiqi/cli`, for `yiqi --version`.
 *
 * @module
 */
import { readFileSync } from "node:fs";

/** The `version` of `@yiqi/cli`'s package.json (`"unknown"` when it cannot be read). */
export function cliVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      name?: string;
      version?: string;
    };
    return pkg.name === "@yiqi/cli" && pkg.version ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}
