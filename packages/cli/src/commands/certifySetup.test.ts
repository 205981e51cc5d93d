import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { CertError } from "@yiqi/conformance";
import { main } from "../main.ts";
import { capture } from "../testing/capture.ts";
import { setupModulePath } from "./certifySetup.ts";

const work = mkdtempSync(join(tmpdir(), "yiqi-certify-setup-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** An expectations file in `dir` naming `setup`. */
const expectationsFile = (dir: string, setup: string): string => {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "yiqi-expectations.json");
  writeFileSync(file, JSON.stringify({ app: "demo", setup, expectations: [] }));
  return file;
};

for (const spec of [
  "https://evil.example/setup.mjs",
  "data:text/javascript,export default () => {}",
  "node:child_process",
  "file:///etc/passwd",
]) {
  test(`regression: a setup module ${spec.slice(0, 30)}… in the expectations file is refused before anything runs`, async () => {
    const c = capture();
    const file = expectationsFile(join(work, "refused"), spec);
    assert.equal(await main(["certify", "demo", "--expectations", file], c.io), 2);
    assert.equal(c.err.length, 1, c.err.join("\n"));
    assert.match(
      c.err[0] ?? "",
      /is not a local file: .*URLs, data: and node: specifiers are refused/,
    );
    assert.deepEqual(c.out, [], "nothing started");
  });
}

test("the setup path is resolved relative to the expectations file, not the working directory", async () => {
  const dir = join(work, "project", "certify");
  const file = expectationsFile(dir, "./missing.setup.mjs");
  const c = capture();
  assert.equal(await main(["certify", "demo", "--expectations", file], c.io), 2);
  assert.match(
    c.err[0] ?? "",
    new RegExp(`setup module ${join(dir, "missing.setup.mjs").replace(/[.\\]/g, "\\$&")} \\(from`),
  );
  writeFileSync(join(dir, "present.setup.mjs"), "export default async () => {};\n");
  assert.equal(setupModulePath("./present.setup.mjs", dir, file), join(dir, "present.setup.mjs"));
  // A directory is not a module.
  assert.throws(
    () => setupModulePath(".", dir, file),
    (e: unknown) =>
      e instanceof CertError && e.code === "BAD_OPTIONS" && /is not a file/.test(e.message),
  );
});

test("--setup with a URL is refused the same way", async () => {
  const c = capture();
  assert.equal(await main(["certify", "demo", "--setup", "https://x.example/s.mjs"], c.io), 2);
  assert.match(c.err[0] ?? "", /of --setup is not a local file/);
});
