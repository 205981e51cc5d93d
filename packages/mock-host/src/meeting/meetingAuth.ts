import type { HostResult } from "@yiqi/jsapi";
import type { Clock } from "./clock.ts";
import type { EmulatorDecisions } from "./decisions.ts";
import { fail, ok } from "./errors.ts";
import type { AppConfig } from "./model.ts";
import type { SeededRandom } from "./random.ts";
import { computeSignature, signaturePayload } from "./signature.ts";
import type { Trace } from "./trace.ts";

/** What `GET /v1/jsapi/ticket` answers (SPEC A4). Times are Unix seconds. */
export interface TicketResponse {
  ticket: string;
  timestamp: number;
  expired_time: number;
}

/** The OAuth token data (`data` of the access_token endpoint). */
export interface OAuthTokenData {
  access_token: string;
  refresh_token: string;
  /** Expiry of `access_token`, Unix seconds. */
  expires: number;
  open_id: string;
  scopes: string[];
}

/** A failed auth-server operation: HTTP status, a numeric code and a message. */
export interface AuthFailure {
  ok: false;
  status: number;
  code: number;
  message: string;
}

/** The result of an auth-server operation. */
export type AuthOutcome<T> = { ok: true; value: T } | AuthFailure;

/** What `permission.agentConfig` / `permission.config` send, plus the page URL. */
export interface SignatureCheck {
  sdkId: unknown;
  corpId?: unknown;
  signature: unknown;
  nonceStr: unknown;
  timestamp: unknown;
  /** The page URL (fragment is ignored). */
  url: string;
  /** The calling participant's openId: a ticket issued to another user does not verify. */
  openId?: string;
}

/**
 * The simulated Tencent auth server behind the JSAPI (SPEC A4): JSAPI tickets, OAuth auth codes
 * and tokens. The msw handlers and `permission.agentConfig` share it, so both sides agree.
 */
export interface MeetingAuth {
  /**
   * Issue a single-use JSAPI ticket (what `/v1/jsapi/ticket` answers), bound to the user
   * `openId` when given (an OAuth app's ticket; AUTH3P-MD: "only by its own user").
   */
  issueTicket(openId?: string): TicketResponse;
  /** Issue a five-minute, single-use `data.getPhoneNumber` token for a participant. */
  issuePhoneToken(participantId: string, phoneNumber: string, countryCode: string): string;
  /** Exchange a phone token (`GET /v1/user/info/phonenumber?token=`); 3507 when invalid. */
  exchangePhoneToken(token: string): AuthOutcome<{ phone_number: string; country_code: string }>;
  /**
   * Issue a five-minute, single-use OAuth auth code for a participant who authorised the app
   * (what `permission.requestAgentAuthCode` would give the app).
   * @returns the code, or a failure when the participant has not authorised the app.
   */
  issueAuthCode(participantId: string): AuthOutcome<string>;
  /** Exchange an auth code (`sdk_id`, `secret`, `auth_code`) for tokens. */
  exchangeAuthCode(body: unknown): AuthOutcome<OAuthTokenData>;
  /** Renew tokens (`sdk_id`, `open_id`, `refresh_token`). */
  refreshToken(body: unknown): AuthOutcome<OAuthTokenData>;
  /** Describe a live access token (`access_token`, `open_id`). */
  tokenInfo(body: unknown): AuthOutcome<{ expires: number; open_id: string; scopes: string[] }>;
  /** Whether `accessToken` is live (and belongs to `openId` when given). */
  isValidAccessToken(accessToken: string, openId?: string): boolean;
  /** Verify a signature against the issued tickets; consumes the ticket on success. */
  verifySignature(check: SignatureCheck): Promise<HostResult<null>>;
}

/** What {@link createMeetingAuth} needs from the meeting. */
export interface MeetingAuthDeps {
  clock: Clock;
  random: SeededRandom;
  trace: Trace;
  app(): AppConfig;
  decisions(): EmulatorDecisions;
  /** The participant's openId, null when unknown, undefined when not authorised. */
  openIdOf(participantId: string): string | null | undefined;
}

interface TicketRecord {
  ticket: string;
  timestamp: number;
  expiredTime: number;
  used: boolean;
  /** The user it was issued to (OAuth tickets), else undefined. */
  openId?: string;
}

interface TokenRecord {
  openId: string;
  accessToken: string;
  refreshToken: string;
  expires: number;
  refreshExpires: number;
}

const AUTH_CODE_TTL_S = 300;
const ACCESS_TTL_S = 6 * 3600;
const REFRESH_TTL_S = 30 * 24 * 3600;
const SCOPES = ["VIEW_USER_INFO"];

function bad(status: number, code: number, message: string): AuthFailure {
  return { ok: false, status, code, message };
}

function field(body: unknown, name: string): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * Create the auth server of a meeting. Used by `createMeeting`; exported for custom setups.
 */
export function createMeetingAuth(deps: MeetingAuthDeps): MeetingAuth {
  const tickets: TicketRecord[] = [];
  const phoneTokens = new Map<
    string,
    { phone_number: string; country_code: string; expires: number; used: boolean }
  >();
  const codes = new Map<string, { openId: string; expires: number; used: boolean }>();
  const tokens = new Map<string, TokenRecord>();
  const refreshTokens = new Map<string, TokenRecord>();
  const nowS = (): number => Math.floor(deps.clock.now() / 1000);

  const newTokens = (openId: string): OAuthTokenData => {
    const rec: TokenRecord = {
      openId,
      accessToken: deps.random.string(40),
      refreshToken: deps.random.string(40),
      expires: nowS() + ACCESS_TTL_S,
      refreshExpires: nowS() + REFRESH_TTL_S,
    };
    tokens.set(rec.accessToken, rec);
    refreshTokens.set(rec.refreshToken, rec);
    return {
      access_token: rec.accessToken,
      refresh_token: rec.refreshToken,
      expires: rec.expires,
      open_id: openId,
      scopes: SCOPES.slice(),
    };
  };

  const state = (name: string, data: unknown): void => {
    deps.trace.record({ kind: "state", name, data, spec: "A4" });
  };

  return {
    issueTicket(openId?: string): TicketResponse {
      const rec: TicketRecord = {
        ticket: deps.random.string(32),
        timestamp: nowS(),
        expiredTime: nowS() + deps.decisions().ticketTtlSeconds,
        used: false,
        ...(openId ? { openId } : {}),
      };
      tickets.push(rec);
      state("auth.ticketIssued", { ticket: rec.ticket, expired_time: rec.expiredTime });
      return { ticket: rec.ticket, timestamp: rec.timestamp, expired_time: rec.expiredTime };
    },

    issuePhoneToken(participantId: string, phoneNumber: string, countryCode: string): string {
      const token = deps.random.string(32);
      phoneTokens.set(token, {
        phone_number: phoneNumber,
        country_code: countryCode,
        expires: nowS() + AUTH_CODE_TTL_S,
        used: false,
      });
      state("auth.phoneTokenIssued", { participantId });
      return token;
    },

    exchangePhoneToken(token: string) {
      const rec = phoneTokens.get(token);
      if (!rec || rec.used || nowS() > rec.expires) {
        return bad(400, 3507, "token invalid: unknown, used or expired (valid five minutes, once)");
      }
      rec.used = true;
      return {
        ok: true,
        value: { phone_number: rec.phone_number, country_code: rec.country_code },
      };
    },

    issueAuthCode(participantId: string): AuthOutcome<string> {
      const openId = deps.openIdOf(participantId);
      if (openId === null) return bad(404, 40401, `unknown participant "${participantId}"`);
      if (openId === undefined) {
        return bad(403, 40301, `participant "${participantId}" has not authorised the app`);
      }
      const code = deps.random.string(32);
      codes.set(code, { openId, expires: nowS() + AUTH_CODE_TTL_S, used: false });
      state("auth.codeIssued", { participantId, code });
      return { ok: true, value: code };
    },

    exchangeAuthCode(body: unknown): AuthOutcome<OAuthTokenData> {
      const sdkId = field(body, "sdk_id");
      const secret = field(body, "secret");
      const authCode = field(body, "auth_code");
      if (!sdkId || !secret || !authCode) {
        return bad(400, 40001, "sdk_id, secret and auth_code are required strings");
      }
      const app = deps.app();
      if (sdkId !== app.sdkId) return bad(400, 40002, `unknown sdk_id "${sdkId}"`);
      if (!deps.decisions().permissiveAuth && secret !== app.secret) {
        return bad(400, 40003, "secret does not match the app's OAuth secret");
      }
      const rec = codes.get(authCode);
      if (!rec) return bad(400, 40004, "auth_code is unknown");
      if (rec.used) return bad(400, 40005, "auth_code was already used (codes are single-use)");
      if (nowS() > rec.expires) return bad(400, 40006, "auth_code expired (valid five minutes)");
      rec.used = true;
      const data = newTokens(rec.openId);
      state("auth.tokenIssued", { open_id: rec.openId });
      return { ok: true, value: data };
    },

    refreshToken(body: unknown): AuthOutcome<OAuthTokenData> {
      const sdkId = field(body, "sdk_id");
      const openId = field(body, "open_id");
      const refresh = field(body, "refresh_token");
      if (!sdkId || !openId || !refresh) {
        return bad(400, 40001, "sdk_id, open_id and refresh_token are required strings");
      }
      if (sdkId !== deps.app().sdkId) return bad(400, 40002, `unknown sdk_id "${sdkId}"`);
      const rec = refreshTokens.get(refresh);
      if (!rec || rec.openId !== openId) return bad(400, 40007, "refresh_token is unknown");
      if (nowS() > rec.refreshExpires) return bad(400, 40008, "refresh_token expired");
      refreshTokens.delete(refresh);
      tokens.delete(rec.accessToken);
      return { ok: true, value: newTokens(openId) };
    },

    tokenInfo(body: unknown): AuthOutcome<{ expires: number; open_id: string; scopes: string[] }> {
      const token = field(body, "access_token");
      const openId = field(body, "open_id");
      if (!token || !openId) return bad(400, 40001, "access_token and open_id are required");
      const rec = tokens.get(token);
      if (!rec || rec.openId !== openId || nowS() > rec.expires) {
        return bad(401, 40101, "access_token is invalid or expired");
      }
      return { ok: true, value: { expires: rec.expires, open_id: openId, scopes: SCOPES.slice() } };
    },

    isValidAccessToken(accessToken: string, openId?: string): boolean {
      const rec = tokens.get(accessToken);
      if (!rec || nowS() > rec.expires) return false;
      return openId === undefined || rec.openId === openId;
    },

    async verifySignature(check: SignatureCheck): Promise<HostResult<null>> {
      const app = deps.app();
      // §3 AuthConfigParam (agentConfig and config alike): every value a String.
      const { sdkId, corpId, signature, nonceStr, timestamp } = check;
      if (
        typeof sdkId !== "string" ||
        typeof corpId !== "string" ||
        typeof signature !== "string" ||
        typeof nonceStr !== "string" ||
        typeof timestamp !== "string"
      ) {
        return fail(
          "INVALID_ARGUMENT",
          'permission config needs sdkId, corpId, signature, nonceStr and timestamp, all strings (timestamp: the one your server signed, e.g. "1700000000")',
        );
      }
      if (deps.decisions().permissiveAuth) return ok(null);
      if (sdkId !== app.sdkId || corpId !== app.corpId) {
        return fail(
          "SIGNATURE_INVALID",
          `sdkId/corpId "${sdkId}"/"${corpId}" are not the app's ("${app.sdkId}"/"${app.corpId}")`,
        );
      }
      if (!/^[0-9a-f]{64}$/.test(signature)) {
        return fail(
          "SIGNATURE_INVALID",
          "signature must be 64 lowercase hex digits (sha256, as Tencent's examples print it)",
        );
      }
      for (const rec of tickets) {
        const input = { corpId, sdkId, timestamp, nonceStr, url: check.url, ticket: rec.ticket };
        if ((await computeSignature(input)) !== signature) continue;
        if (rec.openId !== undefined && rec.openId !== check.openId) {
          return fail(
            "TICKET_INVALID",
            "the ticket was issued to another user; fetch one with this user's AccessToken and OpenId",
          );
        }
        if (rec.used) {
          return fail(
            "TICKET_INVALID",
            "the ticket was already used; fetch a new one (tickets are single-use)",
          );
        }
        if (nowS() > rec.expiredTime) {
          return fail(
            "TICKET_INVALID",
            `the ticket expired at ${rec.expiredTime}; fetch a new one`,
          );
        }
        rec.used = true;
        state("auth.ticketUsed", { ticket: rec.ticket });
        return ok(null);
      }
      const shape = signaturePayload({
        corpId,
        sdkId,
        timestamp,
        nonceStr,
        url: check.url,
        ticket: "<ticket>",
      });
      return fail(
        "SIGNATURE_INVALID",
        `signature matches no ticket issued by this meeting; expected sha256("${shape}") in lowercase hex`,
      );
    },
  };
}
