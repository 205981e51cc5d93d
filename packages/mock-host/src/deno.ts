/** Deno adapters: a real WebSocket server for the emulated Rooms device on Deno. */
export {};
