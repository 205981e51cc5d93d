import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import {
  allowClientScript,
  allowShimInMetaCsp,
  clientScriptSource,
  clientScriptTag,
  injectIntoHtml,
} from "./clientScript.ts";
import { parseClientsBody, participantClient } from "./participantClients.ts";

const win311 = participantClient("Windows", "3.11.0", 1);

describe("the client script", () => {
  test("carries the participant's UA in Tencent's format, and its hash is the script's", () => {
    assert.match(
      win311.userAgent,
      // Reference §2 PRE: Windows uses Chrome 77 (decision 0120).
      /Windows NT.* Chrome\/77\.\S+ Safari\/537\.36 arch\/x86_64 app\/tencent_wemeet os_name\/Windows os_version\/\S+ app_version\/3\.11\.0 c_district\/1$/,
    );
    const { tag, hash } = clientScriptTag(win311);
    const source = clientScriptSource(win311);
    assert.equal(tag, `<script>${source}</script>`);
    assert.equal(
      hash,
      `'sha256-${createHash("sha256").update(source).digest("base64")}'`,
      "the CSP hash matches the inline script byte for byte",
    );
    assert.ok(source.includes(JSON.stringify(win311.userAgent).slice(1, -1)));
  });

  test("goes first: after <head>, else <html>, else the doctype (never before it)", () => {
    const at = (html: string): string => injectIntoHtml(Buffer.from(html), "<S>").toString();
    assert.equal(
      at('<!doctype html><html lang="zh"><head><meta charset="utf-8"><script src=a></script>'),
      '<!doctype html><html lang="zh"><head><S><meta charset="utf-8"><script src=a></script>',
    );
    assert.equal(at("<!DOCTYPE html><HTML><body>x"), "<!DOCTYPE html><HTML><S><body>x");
    assert.equal(at("<!doctype html><p>x"), "<!doctype html><S><p>x");
    assert.equal(at("<p>x"), "<S><p>x");
    assert.equal(at("<header></header>"), "<S><header></header>", "<header> is not <head>");
  });

  test("keeps a page in GBK byte for byte", () => {
    const gbk = Buffer.from([0x3c, 0x68, 0x65, 0x61, 0x64, 0x3e, 0xc4, 0xe3, 0xba, 0xc3]);
    const out = injectIntoHtml(gbk, "<S>");
    assert.deepEqual([...out.subarray(-4)], [0xc4, 0xe3, 0xba, 0xc3]);
  });
});

describe("the app's Content-Security-Policy", () => {
  const h = "'sha256-abc='";
  const shim = "http://p1.x.localhost:1/wemeet-js-sdk.js";

  test("the directive that governs scripts gets the hash; 'unsafe-inline' alone is left", () => {
    assert.equal(allowClientScript(undefined, h, shim), undefined);
    assert.equal(
      allowClientScript("default-src 'self'; img-src *", h, shim),
      `default-src 'self' ${h}; img-src *`,
    );
    assert.equal(
      allowClientScript("default-src 'self'; script-src 'self' 'nonce-r4nd'", h, shim),
      `default-src 'self'; script-src 'self' 'nonce-r4nd' ${h}`,
    );
    assert.equal(
      allowClientScript("script-src 'self'; script-src-elem 'self'", h, shim),
      `script-src 'self'; script-src-elem 'self' ${h}`,
    );
    assert.equal(
      allowClientScript("script-src 'self' 'unsafe-inline'", h, shim),
      "script-src 'self' 'unsafe-inline'",
      "a hash would switch 'unsafe-inline' off for the app's own inline scripts",
    );
    assert.equal(allowClientScript("img-src *", h, shim), "img-src *", "no script directive");
  });

  test("a policy that lists Tencent's CDN also admits the shim; every policy is changed", () => {
    assert.deepEqual(
      allowClientScript(
        ["script-src https://cdn.meeting.tencent.com", "default-src 'none'"],
        h,
        shim,
      ),
      [`script-src https://cdn.meeting.tencent.com ${h} ${shim}`, `default-src ${h}`],
    );
  });
});

describe("a <meta> Content-Security-Policy in the document", () => {
  const shim = "http://p1.app.localhost:7100/wemeet-js-sdk.js";
  test("one that lists Tencent's CDN admits the shim too (the rewritten SDK URL loads)", () => {
    const page = `<head><meta http-equiv="Content-Security-Policy" content="script-src https://cdn.meeting.tencent.com; img-src *"><script src="x.js"></script>`;
    assert.equal(
      allowShimInMetaCsp(page, shim),
      `<head><meta http-equiv="Content-Security-Policy" content="script-src https://cdn.meeting.tencent.com ${shim}; img-src *"><script src="x.js"></script>`,
    );
    const single = `<META content='default-src https://cdn.meeting.tencent.com/jssdk/' HTTP-EQUIV=content-security-policy>`;
    assert.equal(
      allowShimInMetaCsp(single, shim),
      `<META content='default-src https://cdn.meeting.tencent.com/jssdk/ ${shim}' HTTP-EQUIV=content-security-policy>`,
    );
  });

  test("others are left byte for byte", () => {
    for (const page of [
      `<meta http-equiv="Content-Security-Policy" content="script-src 'self'"><p>cdn.meeting.tencent.com</p>`,
      `<meta name="description" content="script-src https://cdn.meeting.tencent.com">`,
    ])
      assert.equal(allowShimInMetaCsp(page, shim), page);
  });
});

describe("the client script cannot be broken out of", () => {
  test("even a UA holding </script> and quotes stays inside one script element", () => {
    const evil = `x</script><script>alert(1)</script>"'\u2028`;
    const { tag } = clientScriptTag({ ...win311, userAgent: evil });
    assert.equal(tag.match(/<\/script/gi)?.length, 1, "only the tag's own end");
    assert.ok(tag.endsWith("</script>"));
    // The value the page reads is the UA as given.
    const inner = tag.slice("<script>".length, -"</script>".length);
    const json = /const c=(\{.*?\});/s.exec(inner)?.[1] ?? "";
    assert.equal(JSON.parse(json).ua, evil);
  });
});

describe("POST /__yiqi/clients bodies", () => {
  test("a table of participants' clients; the UA is derived, never taken", () => {
    const { appId, clients } = parseClientsBody(
      JSON.stringify({
        appId: "demo",
        clients: [
          { participant: 1, platform: "Windows", clientVersion: "3.11.0" },
          { participant: 2, platform: "Mac", clientVersion: "3.14.0.400", district: 1 },
        ],
      }),
    );
    assert.equal(appId, "demo");
    assert.match(clients.get(1)?.userAgent ?? "", /os_name\/Windows .*app_version\/3\.11\.0 /);
    assert.match(clients.get(2)?.userAgent ?? "", /os_name\/Mac .*c_district\/1$/);
  });

  test("bad fields are refused, saying which", () => {
    const bad = (c: unknown): void => {
      assert.throws(() => parseClientsBody(JSON.stringify({ appId: "demo", clients: [c] })));
    };
    bad({ participant: 0, platform: "Mac", clientVersion: "3.14.0" });
    bad({ participant: 1, platform: "BeOS", clientVersion: "3.14.0" });
    bad({ participant: 1, platform: "Mac", clientVersion: "3.14 app/evil" });
    bad({ participant: 1, platform: "Mac", clientVersion: "3.14.0</script><script>alert(1)//" });
    bad({ participant: 1, platform: 'Mac"</script>', clientVersion: "3.14.0" });
    bad({ participant: 1, platform: "Mac", clientVersion: "3.14.0", district: 2 });
    assert.throws(() => parseClientsBody("{"), /not JSON/);
  });
});
