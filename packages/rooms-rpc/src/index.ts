/** Typed client for the Tencent Meeting Rooms control API. */
export {};
