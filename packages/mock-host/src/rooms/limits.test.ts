import assert from "node:assert/strict";
import { test } from "node:test";
import { AuthLimiter, clientKey, utf8Exceeds } from "./limits.ts";

test("the limiter locks with exponential backoff, capped, and forgets a quiet client", () => {
  let now = 0;
  const limiter = new AuthLimiter(
    { freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 },
    () => now,
  );
  assert.deepEqual(
    [1, 2, 3].map(() => limiter.failed("a")),
    [0, 0, 1000],
  );
  assert.equal(limiter.retryAfter("a"), 1000);
  assert.equal(limiter.retryAfter("b"), 0, "per client");
  now += 1000;
  assert.equal(limiter.retryAfter("a"), 0);
  assert.deepEqual(
    [4, 5, 6, 7].map(() => limiter.failed("a")),
    [2000, 4000, 8000, 8000],
  );
  now += 60_000;
  assert.equal(limiter.retryAfter("a"), 0);
  assert.equal(limiter.failed("a"), 0, "forgotten after forgetAfterMs");
  limiter.succeeded("a");
  assert.equal(limiter.retryAfter("a"), 0);
});

test("with the defaults, brute forcing a 6-digit password takes years", () => {
  let now = 0;
  const limiter = new AuthLimiter({}, () => now);
  const day = 24 * 60 * 60_000;
  // Greedy attacker: tries again the moment the lockout ends.
  let greedy = 0;
  while (now < day) {
    greedy += 1;
    now += Math.max(1, limiter.failed("x"));
  }
  // Patient attacker: a burst of guesses while lockouts are short, then waits to be forgotten.
  const patient = (burst: number): number => {
    now = 0;
    const l = new AuthLimiter({}, () => now);
    let guesses = 0;
    while (now < day) {
      for (let i = 0; i < burst && now < day; i++) {
        guesses += 1;
        now += Math.max(1, l.failed("x"));
      }
      now += 3_600_000;
    }
    return guesses;
  };
  const best = Math.max(greedy, ...[5, 8, 10, 12, 14, 16, 20].map(patient));
  assert.ok(best <= 300, `${best} guesses a day`);
  const yearsForHalf = 500_000 / best / 365;
  assert.ok(yearsForHalf > 4, `${yearsForHalf} years`);
});

test("the limiter remembers at most maxClients clients", () => {
  const limiter = new AuthLimiter({ freeAttempts: 1, maxClients: 2 }, () => 0);
  limiter.failed("a");
  limiter.failed("b");
  limiter.failed("c");
  assert.equal(limiter.retryAfter("a"), 0);
  assert.ok(limiter.retryAfter("c") > 0);
});

test("clientKey: one key per machine: loopback /8, mapped IPv4, IPv6 /64, no port", () => {
  assert.equal(clientKey("127.0.0.1"), "127.0.0.0/8");
  assert.equal(clientKey("127.45.6.7"), "127.0.0.0/8");
  assert.equal(clientKey("::ffff:127.0.0.2"), "127.0.0.0/8");
  assert.equal(clientKey("::1"), "127.0.0.0/8");
  assert.equal(clientKey("::ffff:192.168.1.20"), "192.168.1.20");
  assert.equal(clientKey("192.168.1.20"), "192.168.1.20");
  assert.equal(clientKey("2001:db8::1"), "2001:db8:0:0::/64");
  assert.equal(clientKey("2001:DB8:0:0:ffff::2"), "2001:db8:0:0::/64");
  assert.equal(clientKey("fe80::1%eth0"), "fe80:0:0:0::/64");
  assert.equal(clientKey(undefined), "unknown");
});

test("utf8Exceeds counts UTF-8 bytes", () => {
  assert.equal(utf8Exceeds("abc", 3), false);
  assert.equal(utf8Exceeds("abcd", 3), true);
  assert.equal(utf8Exceeds("é", 1), true);
  assert.equal(utf8Exceeds("é", 2), false);
  assert.equal(utf8Exceeds("😀", 4), false);
});
