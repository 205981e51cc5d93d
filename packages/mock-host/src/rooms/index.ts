/** The emulated Rooms device (SPEC Part B). */
export {};
