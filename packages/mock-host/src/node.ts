/** Node adapters: real servers for the emulated Rooms device (and later the harness). */
export {};
