/** Contract suites and certification. */
export {};
