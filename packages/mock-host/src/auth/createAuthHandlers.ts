import { type HttpHandler, HttpResponse, http } from "msw";
import type { Meeting } from "../meeting/meeting.ts";

/** The REST API base of Tencent Meeting. */
export const DEFAULT_API_BASE_URL = "https://api.meeting.qq.com";
/** The OAuth base of Tencent Meeting (`/wemeet-webapi/v2/oauth2/oauth/*`). */
export const DEFAULT_OAUTH_BASE_URL = "https://meeting.tencent.com";

/** Options of {@link createAuthHandlers}. */
export interface AuthHandlerOptions {
  /** Base of `/v1/jsapi/ticket` and `/v1/jsapi/user` (default {@link DEFAULT_API_BASE_URL}). */
  baseUrl?: string;
  /** Base of the OAuth endpoints (default {@link DEFAULT_OAUTH_BASE_URL}). */
  oauthBaseUrl?: string;
}

function trim(url: string): string {
  return url.replace(/\/+$/, "");
}

/** A REST error in the shape of Tencent Meeting's gateway (`error_info`). */
function restError(status: number, code: number, message: string): Response {
  return HttpResponse.json({ error_info: { error_code: code, message } }, { status });
}

/** An OAuth-endpoint answer (`{ code, message, nonce, data? }`). */
function oauthAnswer(
  meeting: Meeting,
  outcome:
    | { ok: true; value: unknown }
    | { ok: false; status: number; code: number; message: string },
): Response {
  const nonce = String(meeting.clock.now());
  if (outcome.ok) {
    return HttpResponse.json({ code: 0, message: "SUCCESS", nonce, data: outcome.value });
  }
  return HttpResponse.json(
    { code: outcome.code, message: outcome.message, nonce },
    { status: outcome.status },
  );
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

/**
 * msw HTTP handlers for the JSAPI auth endpoints (SPEC A4), backed by `meeting.auth`, so an app
 * server under test (msw `setupServer`) and the emulated client agree on tickets and signatures.
 *
 * - `GET {baseUrl}/v1/jsapi/ticket` → `{ ticket, timestamp, expired_time }`. Needs the OAuth
 *   headers `AccessToken` (issued by this meeting) and `OpenId`, or a self-built app's
 *   `X-TC-Key` (not verified: an emulator decision). Otherwise 401 `{ error_info }`.
 * - `GET {baseUrl}/v1/jsapi/user`: the older path, answered like the ticket endpoint (decision).
 * - `POST {oauthBaseUrl}/wemeet-webapi/v2/oauth2/oauth/access_token` `{ sdk_id, secret,
 *   auth_code }`, `.../refresh_token` `{ sdk_id, open_id, refresh_token }`, `.../user_info`
 *   `{ access_token, open_id }` → `{ code: 0, message: "SUCCESS", nonce, data }`, errors 400/401
 *   with a non-zero `code`.
 *
 * Bad input never throws: it gets a JSON error.
 *
 * @param meeting The simulator that owns tickets and tokens.
 * @param options Base URLs.
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * const server = setupServer(...createAuthHandlers(meeting));
 * server.listen();
 * ```
 */
export function createAuthHandlers(
  meeting: Meeting,
  options: AuthHandlerOptions = {},
): HttpHandler[] {
  const api = trim(options.baseUrl ?? DEFAULT_API_BASE_URL);
  const oauth = `${trim(options.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL)}/wemeet-webapi/v2/oauth2/oauth`;

  const ticket = ({ request }: { request: Request }): Response => {
    try {
      const accessToken = request.headers.get("AccessToken");
      const openId = request.headers.get("OpenId") ?? undefined;
      const key = request.headers.get("X-TC-Key");
      if (accessToken) {
        if (!meeting.auth.isValidAccessToken(accessToken, openId)) {
          return restError(401, 190300, "AccessToken is invalid, expired, or not for this OpenId");
        }
      } else if (!key && !meeting.decisions().permissiveAuth) {
        return restError(
          401,
          190301,
          "missing credentials: send AccessToken + OpenId (OAuth app) or X-TC-Key (self-built app)",
        );
      }
      return HttpResponse.json(meeting.auth.issueTicket(accessToken ? openId : undefined));
    } catch (e) {
      return restError(500, 500, `simulator error: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const post =
    (run: (body: unknown) => Parameters<typeof oauthAnswer>[1]) =>
    async ({ request }: { request: Request }): Promise<Response> => {
      const body = await readJson(request);
      if (body === undefined || body === null || typeof body !== "object") {
        return oauthAnswer(meeting, {
          ok: false,
          status: 400,
          code: 40000,
          message: "the body must be a JSON object",
        });
      }
      try {
        return oauthAnswer(meeting, run(body));
      } catch (e) {
        return oauthAnswer(meeting, {
          ok: false,
          status: 500,
          code: 50000,
          message: `simulator error: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
    };

  const phoneNumber = ({ request }: { request: Request }): Response => {
    const token = new URL(request.url).searchParams.get("token") ?? "";
    const r = meeting.auth.exchangePhoneToken(token);
    return r.ok
      ? HttpResponse.json({ phone_info: r.value })
      : restError(r.status, r.code, r.message);
  };

  return [
    http.get(`${api}/v1/jsapi/ticket`, ticket),
    http.get(`${api}/v1/user/info/phonenumber`, phoneNumber),
    http.get(`${api}/v1/jsapi/user`, ticket),
    http.post(
      `${oauth}/access_token`,
      post((b) => meeting.auth.exchangeAuthCode(b)),
    ),
    http.post(
      `${oauth}/refresh_token`,
      post((b) => meeting.auth.refreshToken(b)),
    ),
    http.post(
      `${oauth}/user_info`,
      post((b) => meeting.auth.tokenInfo(b)),
    ),
  ];
}
