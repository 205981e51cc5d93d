/**
 * The Yiqi emulator: a deterministic Tencent Meeting simulator (participants, collaboration
 * sessions, auth endpoints as msw handlers, a bridge host adapter) and an emulated Meeting Rooms
 * device (control API dispatcher, msw WebSocket interception).
 *
 * Runtime-specific servers live under `@yiqi/mock-host/node` and `@yiqi/mock-host/deno`.
 *
 * @module
 */
export * from "./meeting/index.ts";
export * from "./rooms/index.ts";
