/**
 * The published packages installed together with npm into an empty project outside the
 * repository, from their tarballs (packAll.ts), where the `yiqi` command is run through `npx`:
 * help, certify of the bundled demo (reports written), a port browsers refuse (exit 2 and what
 * to do), the headless demo and the Rooms emulator checked by rooms-check, and the certify step
 * of the documented GitHub Actions workflow, as written.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import {
  cleanUp,
  killGroup,
  packAll,
  packed,
  project,
  published,
  readJson,
  root,
  run,
  start,
  work,
  yiqi,
} from "./packAll.ts";

before(packAll);
after(cleanUp);

describe("installed with npm into an empty project", () => {
  before(
    async () => {
      mkdirSync(project);
      writeFileSync(
        join(project, "package.json"),
        `${JSON.stringify({ name: "yiqi-pack-check", private: true, type: "module" }, null, 2)}\n`,
      );
      // All seven in one install: npm then takes @yiqi/* dependencies from these tarballs.
      const all = [...packed.values()].map((p) => p.tarball);
      const r = await run("npm", ["install", "--no-audit", "--no-fund", ...all], project, 150_000);
      assert.equal(r.status, 0, r.out);
    },
    { timeout: 160_000 },
  );

  test("every @yiqi package came from the tarballs, none from a registry", () => {
    const lock = readJson<{ packages: Record<string, { resolved?: string }> }>(
      join(project, "package-lock.json"),
    );
    const yiqiEntries = Object.entries(lock.packages).filter(([path]) =>
      /(^|\/)node_modules\/@yiqi\//.test(path),
    );
    assert.deepEqual(
      yiqiEntries.map(([path]) => path).sort(),
      published.map((n) => `node_modules/@yiqi/${n}`).sort(),
      "each package once, at the top level",
    );
    for (const [path, entry] of yiqiEntries) {
      assert.match(entry.resolved ?? "", /^file:.*\.tgz$/, `${path} resolved from a tarball`);
    }
    assert.ok(existsSync(join(project, "node_modules/.bin/yiqi")), "node_modules/.bin/yiqi");
  });

  test("every exported entry point imports under Node", async () => {
    // Plain-string targets are files (the SDK shim script); object entries with `types` are
    // modules. Entries that need an optional peer (e.g. @playwright/test) may fail only on it.
    const entries: { specifier: string; optionalPeers: string[] }[] = [];
    for (const { manifest } of packed.values()) {
      const optionalPeers = Object.entries(manifest.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta.optional)
        .map(([peer]) => peer);
      for (const [subpath, entry] of Object.entries(manifest.exports ?? {})) {
        if (typeof entry !== "object" || entry === null) continue;
        const conditions = entry as Record<string, unknown>;
        if (!conditions.types || conditions.node === null || !conditions.default) continue;
        entries.push({ specifier: manifest.name + subpath.slice(1), optionalPeers });
      }
    }
    assert.ok(entries.length >= published.length);
    const script = `
      const results = [];
      for (const { specifier, optionalPeers } of ${JSON.stringify(entries)}) {
        try {
          const m = await import(specifier);
          results.push({ specifier, ok: Object.keys(m).length > 0 });
        } catch (e) {
          const peer = optionalPeers.find((p) => e.code === "ERR_MODULE_NOT_FOUND" && e.message.includes("'" + p + "'"));
          results.push({ specifier, ok: false, peer, error: String(e.message).split("\\n")[0] });
        }
      }
      console.log(JSON.stringify(results));`;
    const r = await run(process.execPath, ["--input-type=module", "-e", script], project, 60_000);
    assert.equal(r.status, 0, r.out);
    const results = JSON.parse(r.stdout) as {
      specifier: string;
      ok: boolean;
      peer?: string;
      error?: string;
    }[];
    const broken = results.filter((x) => !x.ok && !x.peer);
    assert.deepEqual(broken, [], "entry points that do not import");
  });

  test("npx yiqi --help lists the commands", async () => {
    const r = await yiqi(["--help"], 30_000);
    assert.equal(r.status, 0, r.out);
    for (const command of ["harness", "demo", "certify", "rooms", "rooms-check"]) {
      assert.match(r.stdout, new RegExp(`^\\s+${command}\\s`, "m"), `lists ${command}`);
    }
  });

  test("npx yiqi certify certifies the bundled demo and writes self-contained reports", async () => {
    const report = join(work, "report");
    const r = await yiqi(["certify", "demo", "--report", report], 90_000);
    assert.equal(r.status, 0, r.out);
    assert.match(r.stdout, /CERTIFIED/);
    const json = readJson<{
      verdict: { certified: boolean };
      results: { id: string; grade: string }[];
    }>(join(report, "report.json"));
    assert.equal(json.verdict.certified, true, r.out);
    assert.ok(json.results.length > 0, "results");
    const junit = readFileSync(join(report, "junit.xml"), "utf8");
    assert.match(junit, /<testsuites?\b/);
    const html = readFileSync(join(report, "report.html"), "utf8");
    assert.match(html, /^<!doctype html>/i);
    // Self-contained: everything a browser would fetch for it is inline (data: URIs at most).
    const fetched = [
      ...html.matchAll(
        /<(?:script|img|iframe|source|video|audio)\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi,
      ),
      ...html.matchAll(/<link\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)/gi),
      ...html.matchAll(/url\(\s*["']?([^"')]+)/gi),
      ...html.matchAll(/@import\s+["']([^"']+)/gi),
    ].map(([, ref = ""]) => ref);
    assert.deepEqual(
      fetched.filter((ref) => !ref.startsWith("data:")),
      [],
      "report.html loads nothing from outside itself",
    );
    assert.doesNotMatch(html, /<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?https?:/i);
  });

  test("npx yiqi certify on a port browsers refuse exits 2 and says what to do", async () => {
    const r = await yiqi(["certify", "http://127.0.0.1:9/"], 60_000);
    assert.equal(r.status, 2, r.out);
    assert.match(r.out, /port 9\b[\s\S]*another port/, "names the problem and the fix");
    assert.doesNotMatch(r.out, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
  });

  test("npx yiqi demo runs the 一起用 flow headless", async () => {
    const r = await yiqi(["demo", "--quiet"], 60_000);
    assert.equal(r.status, 0, r.out);
    assert.match(r.stdout, /\b\d+ passed, 0 failed/);
  });

  test("the documented GitHub Actions workflow is valid and its certify step works as written", async () => {
    const workflow = parseYaml(
      readFileSync(join(root, "docs/ci/certify.github-actions.yml"), "utf8"),
    ) as {
      on: unknown;
      jobs: Record<
        string,
        {
          steps: {
            name?: string;
            run?: string;
            uses?: string;
            if?: string;
            with?: Record<string, string>;
            env?: Record<string, string>;
          }[];
        }
      >;
    };
    assert.ok(workflow.on, "has triggers");
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    // Yiqi comes from the app's devDependencies: `npm ci` installs it, the step checks it is there.
    const install = steps.find((s) => s.run?.includes("@yiqi/cli"));
    assert.match(
      install?.run ?? "",
      /^npm ci\b/m,
      "installs the app's dependencies, Yiqi included",
    );
    assert.match(install?.run ?? "", /node_modules\/\.bin\/yiqi/, "checks the local yiqi is there");
    const certify = steps.find((s) => /\byiqi certify\b/.test(s.run ?? ""));
    const keep = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    assert.ok(certify?.run && keep?.with?.path, "a certify step and an artifact step");
    assert.equal(keep.if, "always()", "the report is kept also when certification fails");
    // Run the step's script as written (in the project, whose node_modules/.bin/yiqi came from
    // the tarballs), with APP_URL at the demo the CLI ships, served by a plain static server in
    // place of the app's dev server.
    assert.match(certify.run, /\byiqi certify "\$APP_URL"/, "certifies the app at $APP_URL");
    const demo = join(project, "node_modules/@yiqi/harness/dist/demo");
    const server = createServer((req, res) => {
      const path = join(demo, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
      const file = path.endsWith("/") ? join(path, "index.html") : path;
      if (!file.startsWith(demo) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      const type = file.endsWith(".html")
        ? "text/html"
        : file.endsWith(".js")
          ? "text/javascript"
          : file.endsWith(".css")
            ? "text/css"
            : "application/octet-stream";
      res.writeHead(200, { "content-type": type }).end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const script = `APP_URL='http://localhost:${port}/'\n${certify.run}`;
      const r = await run("bash", ["-e", "-c", script], project, 90_000);
      assert.equal(r.status, 0, r.out);
      for (const f of ["report.json", "junit.xml", "report.html"])
        assert.ok(existsSync(join(project, keep.with.path, f)), `the artifact path holds ${f}`);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  test("npx yiqi rooms serves a device that npx yiqi rooms-check passes", async () => {
    const device = start("npx", ["--no", "--", "yiqi", "rooms", "--port", "0", "--quiet"], project);
    try {
      let output = "";
      const url = await new Promise<string>((resolveUrl, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL in 30 s:\n${output}`)), 30_000);
        device.stderr?.setEncoding("utf8").on("data", (d: string) => {
          output += d;
        });
        device.stdout?.setEncoding("utf8").on("data", (d: string) => {
          output += d;
          const m = /listening on (ws:\/\/\S+)/.exec(output);
          if (m?.[1]) {
            clearTimeout(timer);
            resolveUrl(m[1]);
          }
        });
        device.on("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`yiqi rooms exited (${code}):\n${output}`));
        });
      });
      const r = await yiqi(["rooms-check", "--url", url, "--password", "123456"], 60_000);
      assert.equal(r.status, 0, r.out);
      assert.match(r.stdout, /\b\d+ passed, 0 failed/);
      const exited = new Promise<number | null>((resolveExit) => {
        device.on("exit", (code) => resolveExit(code));
      });
      device.stdin?.end("quit\n");
      const code = await Promise.race([
        exited,
        new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 10_000).unref()),
      ]);
      assert.equal(code, 0, `yiqi rooms stops on "quit":\n${output}`);
    } finally {
      killGroup(device);
    }
  });
});
