/** The shape of the load project: how many workers, and participants each brings. */
export const WORKERS = 2;
export const PARTICIPANTS_PER_WORKER = 5;
/** The session the global setup's host started, for the workers to converge on. */
export const SESSION_ENV = "YIQI_MEETING_SESSION";
