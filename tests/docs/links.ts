/**
 * Relative links of the documents: each must name a file that exists and, with `#anchor`, an
 * anchor that exists there (an explicit `id="…"` or a heading's GitHub slug).
 *
 * @module
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** GitHub's heading slug: lowercase, punctuation dropped, spaces to dashes. */
export const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_~]/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");

/** The anchors of a Markdown text. */
export function anchorsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/id="([^"]+)"/g)) out.add(m[1] as string);
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const h = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
    if (h) out.add(slug(h[1] as string));
  }
  return out;
}

/** Broken relative links of `file` (relative to `root`), as readable lines. */
export function brokenLinks(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), "utf8").replace(/```[\s\S]*?```/g, "");
  const broken: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1] as string;
    if (/^[a-z]+:/i.test(target)) continue;
    const [path = "", anchor] = target.split("#");
    const resolved = path === "" ? join(root, file) : join(root, dirname(file), path);
    if (!existsSync(resolved)) {
      broken.push(`${file}: ${target} (no ${relative(root, resolved)})`);
      continue;
    }
    if (anchor === undefined || anchor === "") continue;
    const doc = statSync(resolved).isDirectory() ? join(resolved, "README.md") : resolved;
    if (!doc.endsWith(".md") || !existsSync(doc)) continue;
    if (!anchorsOf(readFileSync(doc, "utf8")).has(anchor))
      broken.push(`${file}: ${target} (no anchor #${anchor} in ${relative(root, doc)})`);
  }
  return broken;
}
