/**
 * The documentation runs as written. Every fenced shell block of README.md, docs/**\/*.md and
 * packages/*\/README.md runs (long-running servers until they answer), every block marked for
 * Node, Deno or Python runs and must exit by itself, blocks that cannot run here are marked
 * `<!-- docs-test: skip reason -->` and listed, relative links and anchors resolve, and the
 * generated Rooms reference matches the device. See README.md for the directives.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { allBlocks, documentFiles, extractBlocks } from "./extract.ts";
import { brokenLinks } from "./links.ts";
import { ROOT, runBlock, withoutSetup } from "./run.ts";

const blocks = allBlocks(ROOT);

describe("the extractor", () => {
  test("reads directives, runs shell blocks by default and other languages only when marked", () => {
    const md = [
      "```sh",
      "echo one",
      "```",
      "<!-- docs-test: skip needs GitHub -->",
      "",
      "```bash",
      "gh pr list",
      "```",
      "text between",
      "```ts",
      "console.log(1)",
      "```",
      "<!-- docs-test: deno --allow-net=127.0.0.1; needs rooms -->",
      "````ts",
      "```inner",
      "````",
    ].join("\n");
    const got = extractBlocks("x.md", md).map((b) => [b.line, b.kind, b.arg, b.needsRooms, b.code]);
    assert.deepEqual(got, [
      [1, "shell", "", false, "echo one"],
      [6, "skip", "needs GitHub", false, "gh pr list"],
      [10, "none", "", false, "console.log(1)"],
      [14, "deno", "--allow-net=127.0.0.1", true, "```inner"],
    ]);
  });

  test("an unknown directive is an error, not a silent run", () => {
    assert.throws(
      () => extractBlocks("x.md", "<!-- docs-test: skipp typo -->\n```sh\nls\n```\n"),
      /unknown docs-test directive/,
    );
  });

  test("setup already ran: `bash scripts/setup.sh && X` runs X", () => {
    assert.equal(withoutSetup("bash scripts/setup.sh && pnpm certify demo"), "pnpm certify demo");
  });
});

describe("the documents", () => {
  test("are found, and the guides and references are among them", () => {
    const files = documentFiles(ROOT);
    for (const f of [
      "README.md",
      "docs/reference/rooms.md",
      "docs/reference/relay.md",
      "docs/guides/ci.md",
    ])
      assert.ok(files.includes(f), `${f} is read`);
  });

  test("every skipped block says why (listed here)", (t) => {
    const skipped = blocks.filter((b) => b.kind === "skip");
    for (const b of skipped) t.diagnostic(`skipped ${b.file}:${b.line}: ${b.arg}`);
    const silent = skipped.filter((b) => b.arg.trim().length < 8);
    assert.deepEqual(
      silent.map((b) => `${b.file}:${b.line}`),
      [],
      "a skip needs a reason of a few words",
    );
  });

  test("regression: shell blocks do not need $TMPDIR set (Linux shells leave it unset; this test sets it)", () => {
    // `> "$TMPDIR/x"` is `> "/x"` on a stock Linux shell: permission denied for a user, a stray
    // file for root. Write "${TMPDIR:-/tmp}/x" instead.
    const bare = /\$TMPDIR\b|\$\{TMPDIR\}/;
    assert.deepEqual(
      blocks
        .filter((b) => (b.kind === "shell" || b.kind === "serve") && bare.test(b.code))
        .map((b) => `${b.file}:${b.line}`),
      [],
    );
  });

  test("relative links and anchors resolve", () => {
    assert.deepEqual(
      documentFiles(ROOT).flatMap((f) => brokenLinks(ROOT, f)),
      [],
    );
  });

  test("docs/reference/rooms.md matches the emulated device (scripts/gen-rooms-reference.ts --check)", () => {
    const out = spawnSync(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), "scripts/gen-rooms-reference.ts", "--check"],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    assert.equal(out.status, 0, `${out.stdout}${out.stderr}`);
  });
});

describe("runnable blocks", () => {
  for (const block of blocks.filter((b) => b.kind !== "skip" && b.kind !== "none")) {
    const first =
      block.code.split("\n").find((l) => l.trim() !== "" && !l.trim().startsWith("#")) ?? "";
    test(`${block.file}:${block.line} ${block.kind}: ${first.slice(0, 60)}`, async () => {
      const result = await runBlock(block);
      assert.ok(result.ok, `${block.file}:${block.line}\n${block.code}\n--- ${result.detail}`);
    });
  }
});
