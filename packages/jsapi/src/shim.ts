/**
 * The classic-script build (`wemeet-js-sdk.js`): connects to its host and installs
 * `window.wemeet`, so an unmodified app that loads Tencent's SDK script can be given this file
 * instead. The host origin comes from `data-host-origin` on the script tag, else
 * `window.YIQI_HOST_ORIGIN`, else the browser's report of the parent origin.
 *
 * @module
 */
import { connectWemeet, detectHostOrigin } from "./connect.ts";

const script = (globalThis as { document?: Document }).document?.currentScript as
  | HTMLScriptElement
  | null
  | undefined;
const configured =
  script?.dataset.hostOrigin ??
  (globalThis as { YIQI_HOST_ORIGIN?: string }).YIQI_HOST_ORIGIN ??
  detectHostOrigin();

(globalThis as { wemeet?: unknown }).wemeet = connectWemeet(
  configured ? { hostOrigin: configured } : {},
);
