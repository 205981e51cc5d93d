/**
 * The Yiqi emulator: a deterministic Tencent Meeting simulator (participants, collaboration
 * sessions, auth endpoints as msw handlers), a bridge host adapter that serves it to app frames,
 * headless app instances for tests, and an emulated Meeting Rooms device (control API
 * dispatcher, msw WebSocket interception).
 *
 * Runtime-specific servers live under `@yiqi/mock-host/node` and `@yiqi/mock-host/deno`.
 *
 * @example
 * ```ts
 * import { attachApp, createMeeting, RoleType } from "@yiqi/mock-host";
 * import { windowHostTransport } from "@yiqi/bridge";
 *
 * const meeting = createMeeting({ participants: [{ nickname: "Host", role: RoleType.HOST }] });
 * attachApp({ meeting, participantId: "p1", transport: windowHostTransport(iframe) });
 * ```
 * @module
 */
export { type AttachAppOptions, type AttachedApp, attachApp } from "./bridge-host.ts";
export { type HeadlessApp, type HeadlessAppOptions, openHeadlessApp } from "./headless.ts";
export * from "./meeting/index.ts";
export * from "./rooms/index.ts";
