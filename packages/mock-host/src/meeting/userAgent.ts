import type { Platform } from "@yiqi/jsapi";

const PREFIX: Record<Platform, { ua: string; arch: string; osVersion: string }> = {
  Windows: {
    // §2 PRE: "Windows uses Chrome 77"; Chrome 77's own tokens (decision 0120).
    ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/77.0.3865.120 Safari/537.36",
    arch: "x86_64",
    osVersion: "10.0",
  },
  // §2 PRE's example, byte for byte up to `arch/`.
  Mac: {
    ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
    arch: "x86_64",
    osVersion: "10.15.7",
  },
  Linux: {
    ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)",
    arch: "x86_64",
    osVersion: "5.15",
  },
  iOS: {
    ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    arch: "arm64",
    osVersion: "17.0",
  },
  Android: {
    ua: "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36",
    arch: "arm64",
    osVersion: "13",
  },
};

/**
 * The user agent the emulated client's webview sends (reference §2 PRE): it carries the marker
 * `app/tencent_wemeet`, `os_name`, `app_version` and `c_district`. The Mac UA is PRE's example;
 * the Windows UA is the Chrome 77 webview's (PRE: "Windows uses Chrome 77"; no Windows example is
 * documented, docs/decisions/0120-faithful-gates.md).
 *
 * @param client The client's platform, version and district (0 mainland China, 1 elsewhere).
 * @example
 * ```ts
 * userAgentFor({ platform: "Mac", clientVersion: "3.12.0.400", district: 0 });
 * // "Mozilla/5.0 (Macintosh; ...) ... app/tencent_wemeet os_name/Mac ... app_version/3.12.0.400 c_district/0"
 * ```
 */
export function userAgentFor(client: {
  platform: Platform;
  clientVersion: string;
  district?: 0 | 1;
}): string {
  const p = PREFIX[client.platform] ?? PREFIX.Mac;
  return (
    `${p.ua} arch/${p.arch} app/tencent_wemeet os_name/${client.platform} ` +
    `os_version/${p.osVersion} app_version/${client.clientVersion} c_district/${client.district ?? 0}`
  );
}
