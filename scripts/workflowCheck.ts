/**
 * Checks GitHub Actions workflows: the schema (`@action-validator/core`, the validator behind
 * `@action-validator/cli`), and for this repository's own workflows two rules of ours
 * (docs/decisions/0401-ci-and-release-workflows.md): every action is pinned by a full 40-hex
 * commit SHA followed by a `# vX.Y.Z` comment, and the workflow sets `permissions` at its top.
 */
import { validateWorkflow } from "@action-validator/core";

/** What to check beyond the schema. */
export interface WorkflowRules {
  /** Require SHA-pinned actions with a version comment, and top-level `permissions`. */
  pinned: boolean;
}

/** One line per problem in `text` (the YAML of the workflow at `file`); empty when it passes. */
export function checkWorkflow(file: string, text: string, rules: WorkflowRules): string[] {
  const problems: string[] = [];
  const result = validateWorkflow(text) as { errors: unknown[] };
  for (const error of result.errors) problems.push(`${file}: ${describe(error)}`);
  if (!rules.pinned) return problems;
  text.split("\n").forEach((line, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*(["']?)([^"'\s#]+)\1\s*(#.*)?$/.exec(line);
    if (!m) return;
    const [, , ref = "", comment = ""] = m;
    if (ref.startsWith("./") || ref.startsWith("docker://")) return;
    const at = ref.lastIndexOf("@");
    const sha = at >= 0 ? ref.slice(at + 1) : "";
    if (!/^[0-9a-f]{40}$/.test(sha))
      problems.push(
        `${file}:${i + 1}: ${ref} is not pinned by a full commit SHA; use <action>@<40-hex sha> # vX.Y.Z`,
      );
    else if (!/^#\s*v\d+\.\d+\.\d+\b/.test(comment))
      problems.push(`${file}:${i + 1}: ${ref} needs a "# vX.Y.Z" comment naming its release`);
  });
  if (!/^permissions:/m.test(text))
    problems.push(
      `${file}: no top-level "permissions:"; grant the least the jobs need (e.g. contents: read)`,
    );
  return problems;
}

function describe(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as { code?: string; title?: string; detail?: string; path?: string };
    return [e.code, e.path, e.title, e.detail].filter(Boolean).join(" ");
  }
  return String(error);
}
