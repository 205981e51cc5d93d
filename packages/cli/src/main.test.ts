import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { dropSeparators, optionsFromUsage, parseCommandArgs, parsePort } from "./args.ts";
import { DEMO_OPTIONS } from "./commands/demo.ts";
import { HARNESS_OPTIONS } from "./commands/harness.ts";
import { commands } from "./commands/index.ts";
import { ROOMS_OPTIONS } from "./commands/rooms.ts";
import { ROOMS_CHECK_OPTIONS } from "./commands/roomsCheck.ts";
import { main } from "./main.ts";
import { closest, editDistance } from "./suggest.ts";
import { capture } from "./testing/capture.ts";

test("yiqi --version and -V print the @yiqi/cli version; exit 0", async () => {
  const { version } = JSON.parse(
    readFileSync(new URL("../package.json", import.meta.url), "utf8"),
  ) as { version: string };
  for (const flag of ["--version", "-V"]) {
    const c = capture();
    assert.equal(await main([flag], c.io), 0);
    assert.deepEqual(c.out, [version]);
  }
});

test("a mistyped command or top-level flag: one message with the nearest, exit 2", async () => {
  const c = capture();
  assert.equal(await main(["romos"], c.io), 2);
  assert.match(c.err[0] ?? "", /unknown command "romos"\. Did you mean rooms\?/);
  const d = capture();
  assert.equal(await main(["--verison"], d.io), 2);
  assert.match(d.err[0] ?? "", /unknown option --verison\. Did you mean --version\?/);
  const e = capture();
  assert.equal(await main(["zzzzzz"], e.io), 2);
  assert.doesNotMatch(e.err[0] ?? "", /Did you mean/);
});

test("a mistyped flag of any command, certify included, names the nearest flag; exit 2", async () => {
  for (const [argv, pattern] of [
    [["rooms", "--prot", "0"], /^yiqi rooms: unknown option --prot\. Did you mean --port\?$/],
    [
      ["certify", "--profil", "collab-full"],
      /^yiqi certify: unknown option --profil\. Did you mean --profile\?$/,
    ],
    [["harness", "--participant", "2"], /Did you mean --participants\?/],
    [["demo", "--quite"], /Did you mean --quiet\?/],
    [["rooms-check", "--pasword", "x"], /Did you mean --password\?/],
  ] as const) {
    const c = capture();
    assert.equal(await main([...argv], c.io), 2, argv.join(" "));
    assert.match(c.err[0] ?? "", pattern);
    assert.equal(c.err[1], `Run \`yiqi ${argv[0]} --help\` for usage.`);
  }
});

test("the `--` pnpm passes through is dropped, for every command (pnpm harness -- --app URL)", async () => {
  assert.deepEqual(dropSeparators(["harness", "--", "--app", "u"]), ["harness", "--app", "u"]);
  // The flag after `--` is read as a flag: its own check answers, not "Unexpected argument".
  const c = capture();
  assert.equal(await main(["harness", "--", "--port", "99999"], c.io), 2);
  assert.match(c.err.join("\n"), /--port must be a port number/);
  const d = capture();
  assert.equal(await main(["certify", "--", "http://127.0.0.1:1/", "--profile", "nope"], d.io), 2);
  assert.doesNotMatch(d.err.join("\n"), /Unexpected argument/);
  assert.match(d.err.join("\n"), /nope/);
  const e = capture();
  assert.equal(await main(["--", "demo", "--", "--participants", "1"], e.io), 2);
  assert.match(e.err.join("\n"), /--participants must be a whole number from 2 to 64/);
});

test("every flag a command parses is the one its --help lists, with the same type", () => {
  const tables: Record<string, Record<string, { type: string }>> = {
    harness: HARNESS_OPTIONS,
    demo: DEMO_OPTIONS,
    rooms: ROOMS_OPTIONS,
    "rooms-check": ROOMS_CHECK_OPTIONS,
  };
  for (const command of commands) {
    const documented = optionsFromUsage(command.usage);
    const table = tables[command.name];
    if (!table) continue; // certify parses its own flags; its usage is checked in the next test
    for (const [name, option] of Object.entries(table))
      assert.equal(documented[name]?.type, option.type, `${command.name} --${name}`);
    for (const name of Object.keys(documented))
      assert.ok(name === "help" || name in table, `${command.name} documents --${name}`);
  }
  const certify = optionsFromUsage(commands.find((c) => c.name === "certify")?.usage ?? "");
  assert.equal(certify.profile?.type, "string");
  assert.equal(certify["allow-origin"]?.type, "string");
});

test("parse errors are one line that says what to do", () => {
  const options = { port: { type: "string" }, quiet: { type: "boolean" } } as const;
  const error = (argv: string[]) => {
    const r = parseCommandArgs("x", argv, options);
    return "error" in r ? r.error : "";
  };
  assert.equal(error(["--port"]), "--port needs a value");
  assert.match(
    error(["--port", "--quiet"]),
    /--port needs a value \(to pass one that starts with a dash, write --port=-X\)/,
  );
  assert.equal(error(["--quiet=yes"]), "--quiet takes no value");
  assert.equal(error(["extra"]), 'unexpected argument "extra": yiqi x takes only options');
  assert.equal(error(["--pot", "1"]), "unknown option --pot. Did you mean --port?");
});

test("closest: edit distance with swaps, small limits, unique prefixes", () => {
  assert.equal(editDistance("romos", "rooms"), 1);
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(closest("certfy", ["certify", "rooms"]), "certify");
  assert.equal(closest("--partic", ["--participants", "--port"]), "--participants");
  assert.equal(closest("dmo", ["demo", "rooms"]), "demo");
  assert.equal(closest("xyzzy", ["demo", "rooms"]), undefined);
  assert.equal(closest("--p", ["--port", "--profile"]), undefined);
});

test('regression: a port flag is decimal digits only; yiqi harness --port "" no longer listens on a random port', async () => {
  assert.equal(parsePort(undefined, 7100), 7100);
  assert.equal(parsePort("0", 7100), 0);
  assert.equal(parsePort("65535", 7100), 65535);
  for (const bad of ["", " 80", "1e3", "0x50", "65536", "-1", "80.0", "000000080"])
    assert.equal(parsePort(bad, 7100), undefined, JSON.stringify(bad));
  for (const value of ["", "1e3"]) {
    const c = capture();
    assert.equal(await main(["harness", "--port", value], c.io), 2, JSON.stringify(value));
    assert.match(c.err[0] ?? "", /--port must be a port number from 0 to 65535/);
  }
});
