/** msw HTTP handlers for the JSAPI auth endpoints (SPEC A4), backed by a meeting simulator. */
export {
  type AuthHandlerOptions,
  createAuthHandlers,
  DEFAULT_API_BASE_URL,
  DEFAULT_OAUTH_BASE_URL,
} from "./createAuthHandlers.ts";
