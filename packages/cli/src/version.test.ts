import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { cliVersion, VERSION } from "./version.ts";

test("VERSION is package.json's version (pnpm version-packages keeps them in step)", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    name: string;
    version: string;
  };
  assert.equal(pkg.name, "@yiqi/cli");
  assert.equal(VERSION, pkg.version);
  assert.equal(cliVersion(), pkg.version);
});

test("the version needs no package.json at run time (the JSR package ships none)", () => {
  const source = readFileSync(new URL("./version.ts", import.meta.url), "utf8");
  assert.doesNotMatch(source, /package\.json"|readFileSync|import\s.*node:fs/);
});
