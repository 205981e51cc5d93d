/**
 * The client script: the first `<script>` of every app document the server serves on a
 * participant origin (docs/decisions/0008). Before any app script runs it makes the page look
 * like it runs in that participant's client webview: `navigator.userAgent` (and `appVersion`,
 * `platform`, `userAgentData` where the browser has it) say the participant's client, and a
 * script element given Tencent's SDK URL loads the local shim instead (an app that builds the
 * URL at run time, or whose bundle was too large to rewrite). The app's Content-Security-Policy
 * keeps working: the script's hash is added where the policy needs it.
 */
import { createHash } from "node:crypto";
import type { ParticipantClient } from "./participantClients.ts";

/** `navigator.platform` of each client platform's webview. */
const NAVIGATOR_PLATFORM: Record<ParticipantClient["platform"], string> = {
  Windows: "Win32",
  Mac: "MacIntel",
  Linux: "Linux x86_64",
  iOS: "iPhone",
  Android: "Linux armv8l",
};

/** `navigator.userAgentData.platform` (and `Sec-CH-UA-Platform`) of each platform. */
const HINTS_PLATFORM: Record<ParticipantClient["platform"], string> = {
  Windows: "Windows",
  Mac: "macOS",
  Linux: "Linux",
  iOS: "iOS",
  Android: "Android",
};

/** The client hints a request from this client carries (`Sec-CH-UA-Platform`, `-Mobile`). */
export function clientHints(client: ParticipantClient): { platform: string; mobile: boolean } {
  return {
    platform: HINTS_PLATFORM[client.platform],
    mobile: client.platform === "iOS" || client.platform === "Android",
  };
}

/** The shim's path on every participant origin. */
export const SHIM_PATH = "/wemeet-js-sdk.js";

/**
 * The script's source for `client`. It runs in the page, alone, so it is built as text with the
 * client's values in JSON.
 */
export function clientScriptSource(client: ParticipantClient): string {
  const hints = clientHints(client);
  const values = JSON.stringify({
    ua: client.userAgent,
    platform: NAVIGATOR_PLATFORM[client.platform],
    hints: { ...hints, platformVersion: /os_version\/(\S+)/.exec(client.userAgent)?.[1] ?? "" },
  });
  // Every step is guarded: presenting the client must never break the app.
  return `(()=>{"use strict";const c=${values.replace(/</g, "\\u003c")};
const N=Navigator.prototype,d=(o,k,get)=>{try{Object.defineProperty(o,k,{configurable:true,enumerable:true,get})}catch{}};
d(N,"userAgent",()=>c.ua);d(N,"appVersion",()=>c.ua.replace(/^Mozilla\\//,""));d(N,"platform",()=>c.platform);
try{const g=Object.getOwnPropertyDescriptor(N,"userAgentData")?.get;const r=g&&g.call(navigator);if(r){
const h=c.hints,brands=r.brands,low={brands,mobile:h.mobile,platform:h.platform};
const data=Object.freeze({brands,mobile:h.mobile,platform:h.platform,toJSON:()=>low,
getHighEntropyValues:async(k)=>{const hi=await r.getHighEntropyValues(k);return{...hi,...low,platformVersion:h.platformVersion}}});
d(N,"userAgentData",()=>data)}}catch{}
const sdk=/^(?:https?:)?\\/\\/cdn\\.meeting\\.tencent\\.com\\/jssdk\\/wemeet-js-sdk-[\\w.-]*?\\.js(?:[?#]|$)/;
const fix=(v)=>sdk.test(String(v))?${JSON.stringify(SHIM_PATH)}:v;
try{const S=HTMLScriptElement.prototype,p=Object.getOwnPropertyDescriptor(S,"src");
Object.defineProperty(S,"src",{...p,set(v){p.set.call(this,fix(v))}});
const sa=Element.prototype.setAttribute;Element.prototype.setAttribute=function(n,v){
return sa.call(this,n,this instanceof HTMLScriptElement&&String(n).toLowerCase()==="src"?fix(v):v)}}catch{}
})();`;
}

/** The `<script>` element and its CSP hash source (`'sha256-...'`). */
export function clientScriptTag(client: ParticipantClient): { tag: string; hash: string } {
  const source = clientScriptSource(client);
  const hash = `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
  return { tag: `<script>${source}</script>`, hash };
}

/**
 * Inserts `tag` into an HTML document so that it is its first script: after `<head ...>`, else
 * after `<html ...>`, else after the doctype, else at the start. Works on bytes (the document is
 * read as latin1, one char per byte), so a page in any ASCII-compatible charset is kept intact.
 */
export function injectIntoHtml(body: Buffer, tag: string): Buffer {
  const text = body.toString("latin1");
  let at = 0;
  for (const re of [/<head(?:\s[^>]*)?>/i, /<html(?:\s[^>]*)?>/i, /<!doctype[^>]*>/i]) {
    const m = re.exec(text);
    if (m) {
      at = m.index + m[0].length;
      break;
    }
  }
  return Buffer.concat([body.subarray(0, at), Buffer.from(tag, "utf8"), body.subarray(at)]);
}

const isHashOrNonce = (token: string): boolean =>
  /^'(?:nonce|sha256|sha384|sha512)-/i.test(token) || token.toLowerCase() === "'strict-dynamic'";

/**
 * One policy of a `Content-Security-Policy` header, changed so that the client script runs and
 * the shim loads: the directive that governs script elements (`script-src-elem`, else
 * `script-src`, else `default-src`) gets the script's hash (unless `hash` is null) unless it already allows every
 * inline script (`'unsafe-inline'` without hashes or nonces: a hash would switch that off), and,
 * when it names Tencent's CDN, the shim at `shimSource` too.
 */
function allowInPolicy(policy: string, hash: string | null, shimSource: string): string {
  const directives = policy.split(";");
  const names = directives.map((d) => d.trim().split(/\s+/)[0]?.toLowerCase() ?? "");
  const which = ["script-src-elem", "script-src", "default-src"]
    .map((n) => names.indexOf(n))
    .find((i) => i !== -1);
  if (which === undefined) return policy;
  const tokens = (directives[which] as string).trim().split(/\s+/);
  const sources = tokens.slice(1).filter((t) => t.toLowerCase() !== "'none'");
  const lower = sources.map((t) => t.toLowerCase());
  const allInline = lower.includes("'unsafe-inline'") && !sources.some(isHashOrNonce);
  if (!allInline && hash !== null) sources.push(hash);
  if (lower.some((t) => t.includes("cdn.meeting.tencent.com"))) sources.push(shimSource);
  const lead = /^\s*/.exec(directives[which] as string)?.[0] ?? "";
  directives[which] = `${lead}${[tokens[0], ...sources].join(" ")}`;
  return directives.join(";");
}

/**
 * The app's `Content-Security-Policy` header value(s) with the client script allowed in each
 * policy (see {@link allowInPolicy}); `undefined` stays `undefined`.
 *
 * @param shimSource the shim's URL on this participant origin, for policies that list the CDN.
 */
export function allowClientScript(
  csp: string | string[] | undefined,
  hash: string,
  shimSource: string,
): string | string[] | undefined {
  if (csp === undefined) return undefined;
  // Several policies may share one header, separated by commas; each is enforced.
  const one = (value: string): string =>
    value
      .split(",")
      .map((p) => allowInPolicy(p, hash, shimSource))
      .join(",");
  return Array.isArray(csp) ? csp.map(one) : one(csp);
}

const META_CSP = /<meta\b[^>]*?\bhttp-equiv\s*=\s*(["']?)content-security-policy\1[^>]*>/gi;
const CONTENT_ATTR = /(\bcontent\s*=\s*)(?:"([^"]*)"|'([^']*)')/i;

/**
 * An HTML document's `<meta http-equiv="Content-Security-Policy">` policies with the shim
 * admitted where they name Tencent's CDN (as {@link allowClientScript} does for the header).
 * The client script needs no hash there: it comes before any `<meta>`, and a meta policy
 * governs only what follows it. Works on latin1 text (one char per byte).
 */
export function allowShimInMetaCsp(html: string, shimSource: string): string {
  if (!/cdn\.meeting\.tencent\.com/i.test(html)) return html;
  return html.replace(META_CSP, (tag) =>
    tag.replace(CONTENT_ATTR, (all, lead: string, dq?: string, sq?: string) => {
      const value = dq ?? sq ?? "";
      if (!/cdn\.meeting\.tencent\.com/i.test(value)) return all;
      const changed = value
        .split(",")
        .map((p) => allowInPolicy(p, null, shimSource))
        .join(",");
      const q = dq === undefined ? "'" : '"';
      return `${lead}${q}${changed}${q}`;
    }),
  );
}
