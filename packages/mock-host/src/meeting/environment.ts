/**
 * What the emulated client tells an app instance about itself: the bridge welcome
 * (`attachApp`) and `getEnvironment` answer the same; a page whose frames a meeting server
 * serves (the harness page in remote mode) welcomes its frames with it too.
 *
 * @module
 */
import {
  type HostEnvironment,
  NOTICE_BATCHES_PROTOCOL,
  NOTICES_PROTOCOL,
  type Platform,
} from "@yiqi/jsapi";
import { userAgentFor } from "./userAgent.ts";

/** The environment of instance `instanceId` in a client of this platform, version and language. */
export function environmentFor(
  client: { clientVersion: string; platform: Platform; language: string; district?: 0 | 1 },
  instanceId: string,
): HostEnvironment {
  return {
    clientVersion: client.clientVersion,
    platform: client.platform,
    language: client.language,
    userAgent: userAgentFor(client),
    instanceId,
    // The client reports its listeners and how they handled each event (decision 0306).
    notices: NOTICES_PROTOCOL,
    // ... and takes several in one batch message (decision 0019).
    noticeBatches: NOTICE_BATCHES_PROTOCOL,
  };
}
