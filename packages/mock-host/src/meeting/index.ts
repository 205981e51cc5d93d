/** The meeting simulator (SPEC Part A). */
export {};
