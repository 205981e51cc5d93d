/**
 * Finds the runnable blocks of the documentation: every fenced shell block, and code blocks
 * marked for a runtime, each with the directive written before it.
 *
 * Directives are HTML comments on the line(s) right before the fence:
 *
 * - `<!-- docs-test: skip <reason> -->`: not run; listed with its reason.
 * - `<!-- docs-test: serve <url> -->`: a long-running server; it must answer at `url` (HTTP, or a
 *   TCP connect for `ws://`), then it is stopped.
 * - `<!-- docs-test: node -->`, `<!-- docs-test: deno [flags...] -->`,
 *   `<!-- docs-test: python -->`: the block is a program for that runtime; it must exit 0 by
 *   itself.
 * - `<!-- docs-test: needs rooms -->` (with any of the above, in the same comment after `;` or in
 *   its own comment): an emulated Rooms device runs while the block runs; its URL is in
 *   `ROOMS_URL` (password `123456`).
 *
 * Shell blocks (`sh`, `bash`, `shell`) run unless skipped; other languages run only when marked.
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** How a block runs. */
export type BlockKind = "shell" | "serve" | "node" | "deno" | "python" | "skip" | "none";

/** One fenced block of a document. */
export interface DocBlock {
  /** Path relative to the repository root. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  readonly kind: BlockKind;
  /** `skip`: the reason; `serve`: the URL; `deno`: extra flags (space-separated). */
  readonly arg: string;
  /** An emulated Rooms device must run meanwhile. */
  readonly needsRooms: boolean;
}

const SHELL = new Set(["sh", "bash", "shell"]);
const DIRECTIVE = /<!--\s*docs-test:\s*(.*?)\s*-->/g;

/** Reads the directives in `text` (the lines before a fence). */
function directives(text: string): { kind?: BlockKind; arg: string; needsRooms: boolean } {
  let kind: BlockKind | undefined;
  let arg = "";
  let needsRooms = false;
  for (const match of text.matchAll(DIRECTIVE)) {
    const body = match[1] ?? "";
    // A skip's reason is free text (it may contain ";").
    const parts = /^skip\b/.test(body) ? [body] : body.split(";").map((p) => p.trim());
    for (const part of parts) {
      const [word = "", ...rest] = part.split(/\s+/);
      if (word === "needs" && rest[0] === "rooms") needsRooms = true;
      else if (["skip", "serve", "node", "deno", "python"].includes(word)) {
        kind = word as BlockKind;
        arg = rest.join(" ");
      } else if (word !== "") throw new Error(`unknown docs-test directive "${part}"`);
    }
  }
  return { ...(kind ? { kind } : {}), arg, needsRooms };
}

/**
 * The fenced blocks of one Markdown text.
 *
 * @example
 * ```ts
 * extractBlocks("README.md", "<!-- docs-test: skip needs GitHub -->\n```sh\ngh pr list\n```\n");
 * // [{ file: "README.md", line: 2, lang: "sh", kind: "skip", arg: "needs GitHub", ... }]
 * ```
 */
export function extractBlocks(file: string, markdown: string): DocBlock[] {
  const lines = markdown.split("\n");
  const blocks: DocBlock[] = [];
  let pending: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
    if (!open) {
      // Directives count only when nothing but blank lines separates them from the fence.
      if (line.includes("docs-test:")) pending.push(line);
      else if (line.trim() !== "") pending = [];
      continue;
    }
    const fence = open[2] as string;
    const lang = (open[3] ?? "").toLowerCase();
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length; i++) {
      const l = lines[i] as string;
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(l)?.[1];
      if (close && close[0] === fence[0] && close.length >= fence.length) break;
      body.push(l.slice((open[1] ?? "").length));
    }
    const d = directives(pending.join("\n"));
    pending = [];
    const kind: BlockKind = d.kind ?? (SHELL.has(lang) ? "shell" : "none");
    blocks.push({
      file,
      line: start + 1,
      lang,
      code: body.join("\n"),
      kind,
      arg: d.arg,
      needsRooms: d.needsRooms,
    });
  }
  return blocks;
}

/** Generated and ignored by git (`pnpm docs:api` builds the API reference there): not ours to run. */
const IGNORED_DIRS = new Set(["api", "node_modules"]);

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    if (IGNORED_DIRS.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith(".md") ? [path] : [];
  });

/** The documents the test reads: README.md, docs/**\/*.md, packages/*\/README.md. */
export function documentFiles(root: string): string[] {
  const packages = readdirSync(join(root, "packages"))
    .map((p) => join(root, "packages", p, "README.md"))
    .filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
  return [join(root, "README.md"), ...walk(join(root, "docs")), ...packages]
    .map((p) => relative(root, p))
    .sort();
}

/** Every block of every document. */
export function allBlocks(root: string): DocBlock[] {
  return documentFiles(root).flatMap((file) =>
    extractBlocks(file, readFileSync(join(root, file), "utf8")),
  );
}
