/**
 * Hostile frames for the Rooms device, and the handshakes that carry them, shared by the Node
 * (`node/rooms.test.ts`) and Deno (`deno/rooms.test.ts`) attack tests. Every frame is sent on an authenticated connection; the
 * server must answer each with a coded error (JSON-RPC `error.code` or in-band
 * `result.error_code`) and keep the connection, and itself, up.
 *
 * @module
 */

const deep = (depth: number): string => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number): string => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

const call = (params: string, method = "Call/Share"): string =>
  `{"jsonrpc":"2.0","id":"h","method":${JSON.stringify(method)},"params":${params}}`;

/** Frames that once crashed a server or might: non-string values where strings are expected. */
export const HOSTILE_ROOMS_FRAMES: readonly string[] = [
  // The original crash: String(params.action) on an object whose toString is not callable.
  call('{"action":{"toString":1}}'),
  call('{"action":{"toString":1,"valueOf":1}}'),
  call('{"action":{"toString":1}}', "Call/Nope"),
  call('{"action":{"toString":1}}', "Call/Meeting"),
  call('{"action":[{"toString":1}]}'),
  call('{"action":"StartShare","action_params":{"toString":1,"share_type":{"toString":1}}}'),
  call('{"action":"StartShare","action_params":{"share_type":0,"fluency_first":{"valueOf":1}}}'),
  call(`{"action":"StartShare","action_params":{"share_type":${deep(20000)}}}`),
  call(`{"action":"StartShare","action_params":{"share_type":${deepObject(20000)}}}`),
  call(`{"action":"EndQuickShare","meeting_type":${deep(20000)}}`),
  call('{"action":"JoinMeeting","action_params":{"meeting_code":{"toString":1}}}', "Call/Meeting"),
  call(`{"action":"JoinMeeting","action_params":{"meeting_code":${deep(20000)}}}`, "Call/Meeting"),
  call('{"action":"StartShare","action_params":{"share_type":1e400,"fluency_first":true}}'),
  call(
    '{"action":"StartWindowShare","action_params":{"share_voice":true,"fluency_first":true,"select_index":1e308}}',
  ),
  call(
    '{"action":"StartShare","action_params":{"share_type":1,"fluency_first":true,"device_id":{"toString":1}}}',
  ),
  call('{"__proto__":{"action":"StopShare"},"action":"__proto__"}'),
  call('{"action":"constructor"}'),
  call('{"action":"hasOwnProperty"}'),
  call('{"action":"toString"}'),
  call(
    '{"action":"StartShare","action_params":{"__proto__":{"share_type":0,"fluency_first":true}}}',
  ),
  call('{"action":"X"}', "Call/__proto__"),
  call('{"action":"X"}', "Call/constructor"),
  call('{"action":"X"}', "Call/"),
  call(`{"path":${deep(20000)}}`, "Query"),
  call('{"path":[{"toString":1}]}', "Query"),
  call('{"path":["__proto__"]}', "Query"),
  call('{"path":["constructor"]}', "Query"),
  call('{"path":["Share","__proto__"]}', "Query"),
  call('{"path":[{"toString":1}]}', "Subscribe"),
  call('{"path":["__proto__"]}', "Subscribe"),
  call('{"path":["Share","constructor"]}', "Unsubscribe"),
  call("{}", "__proto__"),
  call("{}", "toString"),
  call('{"toString":1}', "Teleport"),
  `{"jsonrpc":"2.0","id":{"toString":1},"method":"Query","params":{"path":["Share"]}}`,
  `{"jsonrpc":"2.0","id":1e400,"method":"Query","params":{"path":["Share"]}}`,
  `{"jsonrpc":{"toString":1},"id":"h","method":"Query"}`,
  `{"jsonrpc":"2.0","id":"h","method":{"toString":1}}`,
  `{"jsonrpc":"2.0","id":"h","method":"Query","params":{"toString":1,"valueOf":1}}`,
  `{"__proto__":{"jsonrpc":"2.0","id":"h","method":"Query"}}`,
  `{"jsonrpc":"2.0","id":"h","method":"Query","params":${deep(20000)}}`,
  deep(50000),
  deepObject(50000),
  "[".repeat(50000),
  '"\\ud800"',
  "",
  "null",
  "\u0000\u001b[2J\u001b]0;pwned\u0007",
];

/** The authenticated request that must still answer 0 after the hostile frames. */
export const ROOMS_QUERY_SHARE =
  '{"jsonrpc":"2.0","id":"ok","method":"Query","params":{"path":["Share"]}}';

/**
 * The code of an answer: JSON-RPC `error.code`, or in-band `result.error_code`. Throws when the
 * answer is not a coded JSON object with a message.
 */
export function codeOf(text: string): number {
  const reply = JSON.parse(text) as {
    error?: { code?: unknown; message?: unknown };
    result?: { error_code?: unknown; message?: unknown };
  };
  const code = reply.error?.code ?? reply.result?.error_code;
  const message = reply.error?.message ?? reply.result?.message;
  if (typeof code !== "number") throw new Error(`answer without a code: ${text.slice(0, 200)}`);
  if (code !== 0 && (typeof message !== "string" || message.length === 0))
    throw new Error(`error answer without a message: ${text.slice(0, 200)}`);
  return code;
}

/** The `auth-` subprotocol for `password`, built by hand as an attacker would. */
export const auth = (password: string): string => `auth-${encodeURIComponent(btoa(password))}`;

/** The text of a raw WebSocket upgrade of `/` on 127.0.0.1:`port`, with extra header lines. */
export const upgradeRequest = (port: number, headers: readonly string[]): string =>
  [
    "GET / HTTP/1.1",
    `Host: 127.0.0.1:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
    ...headers,
    "",
    "",
  ].join("\r\n");
