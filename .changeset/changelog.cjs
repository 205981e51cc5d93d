// @ts-check
/**
 * The changelog generator for `changeset version` (docs/decisions/0400-release-changelogs.md).
 *
 * With `GITHUB_TOKEN` set (the release workflow), every line is written by
 * `@changesets/changelog-github`: links to the commit and pull request and a thanks to the author,
 * looked up with GitHub's API. Without it (a developer's machine, or CI that cannot reach GitHub)
 * the same format is written from what git knows: the commit that added the changeset, linked on
 * GitHub, plus any `pr:`, `commit:` and `author:` lines the changeset itself carries. Nothing is
 * looked up over the network, so `pnpm version-packages` works offline.
 *
 * The repository is `options.repo` from `.changeset/config.json`; `GITHUB_REPOSITORY` (set by
 * GitHub Actions) wins over it, so links always point at the repository the workflow runs in.
 */

const GITHUB_TOKEN_ENV = "GITHUB_TOKEN";

/**
 * @typedef {{ repo?: string; disableThanks?: boolean } | null | undefined} Options
 * @typedef {{ summary: string; commit?: string; id?: string }} Changeset
 * @typedef {{ name: string; newVersion: string }} DependencyRelease
 */

/** @param {Options} options @returns {{ repo: string; server: string } | undefined} */
function where(options) {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: read by changeset version, not a turbo task
  const repo = process.env.GITHUB_REPOSITORY || options?.repo;
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: read by changeset version, not a turbo task
  const server = (process.env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  return repo ? { repo, server } : undefined;
}

/** @param {Options} options @returns {Options} */
function withRepo(options) {
  const found = where(options);
  if (!found) {
    throw new Error(
      'changelog: no GitHub repository. Set "repo": "owner/name" in .changeset/config.json ' +
        '("changelog": ["./changelog.cjs", { "repo": "owner/name" }]) or GITHUB_REPOSITORY.',
    );
  }
  return { ...options, repo: found.repo };
}

/** Loaded only when used, so that the offline path needs nothing beyond Node. */
function github() {
  const mod = require("@changesets/changelog-github");
  return mod.default ?? mod;
}

const online = () => Boolean(process.env[GITHUB_TOKEN_ENV]);

/** Markdown link to a commit, as changelog-github writes it. */
function commitLink(/** @type {string} */ sha, /** @type {Options} */ options) {
  const found = where(options);
  const short = `\`${sha.slice(0, 7)}\``;
  return found ? `[${short}](${found.server}/${found.repo}/commit/${sha})` : short;
}

/** Bare `#123` references become issue links; existing Markdown links are left alone. */
function linkifyIssueRefs(/** @type {string} */ line, /** @type {Options} */ options) {
  const found = where(options);
  if (!found) return line;
  return line.replace(/\[.*?\]\(.*?\)|\B#([1-9]\d*)\b/g, (match, issue) =>
    issue ? `[#${issue}](${found.server}/${found.repo}/issues/${issue})` : match,
  );
}

/**
 * One entry of a package's changelog, in changelog-github's format:
 * `- [#12](pr) [`abc1234`](commit) Thanks [@user](profile)! - First line`.
 * @param {Changeset} changeset @param {string} _type @param {Options} options
 * @returns {Promise<string>}
 */
async function getReleaseLine(changeset, _type, options) {
  if (online()) return github().getReleaseLine(changeset, _type, withRepo(options));
  const found = where(options);
  /** @type {number | undefined} */
  let pr;
  /** @type {string | undefined} */
  let commit;
  /** @type {string[]} */
  const users = [];
  const summary = changeset.summary
    .replace(/^\s*(?:pr|pull|pull\s+request):\s*#?(\d+)/im, (_, n) => {
      pr = Number(n);
      return "";
    })
    .replace(/^\s*commit:\s*([^\s]+)/im, (_, sha) => {
      commit = sha;
      return "";
    })
    .replace(/^\s*(?:author|user):\s*@?([^\s]+)/gim, (_, user) => {
      users.push(user);
      return "";
    })
    .trim();
  const [firstLine = "", ...futureLines] = summary.split("\n").map((l) => l.trimEnd());
  const sha = commit ?? changeset.commit;
  const parts = [];
  if (pr !== undefined && found) parts.push(`[#${pr}](${found.server}/${found.repo}/pull/${pr})`);
  if (sha) parts.push(commitLink(sha, options));
  if (users.length > 0 && !options?.disableThanks && found)
    parts.push(`Thanks ${users.map((u) => `[@${u}](${found.server}/${u})`).join(", ")}!`);
  const prefix = parts.length > 0 ? ` ${parts.join(" ")} -` : "";
  const rest = futureLines.map((l) => `  ${linkifyIssueRefs(l, options)}`).join("\n");
  return `\n\n-${prefix} ${linkifyIssueRefs(firstLine, options)}\n${rest}`;
}

/**
 * The "Updated dependencies" entry, in changelog-github's format.
 * @param {Changeset[]} changesets @param {DependencyRelease[]} dependencies @param {Options} options
 * @returns {Promise<string>}
 */
async function getDependencyReleaseLine(changesets, dependencies, options) {
  if (online())
    return github().getDependencyReleaseLine(changesets, dependencies, withRepo(options));
  if (dependencies.length === 0) return "";
  const links = changesets.flatMap((cs) => (cs.commit ? [commitLink(cs.commit, options)] : []));
  return [
    `- Updated dependencies [${links.join(", ")}]:`,
    ...dependencies.map((d) => `  - ${d.name}@${d.newVersion}`),
  ].join("\n");
}

module.exports = { getReleaseLine, getDependencyReleaseLine };
