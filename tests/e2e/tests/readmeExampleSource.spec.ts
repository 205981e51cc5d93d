/**
 * The Playwright example of packages/conformance/README.md is `readmeExample.spec.ts`, verbatim:
 * the code a reader copies is the code this suite runs.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), "utf8");

test("the README's Playwright example is readmeExample.spec.ts, verbatim", () => {
  const readme = read("../../../packages/conformance/README.md");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toContain(read("./readmeExample.spec.ts"));
});
