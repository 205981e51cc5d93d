/**
 * The SPEC A3 flow as data: the order of its phases and who acts in each. The built-in `a3-flow`
 * scenario is built from it, and certification (`@yiqi/conformance`) runs its phases in this
 * order, each through the harness page, so the order and the actors are written once.
 *
 * @example
 * ```ts
 * import { a3Flow } from "@yiqi/harness/scenarios";
 * for (const { phase, actors } of a3Flow(["p1", "p2", "p3"], { reload: true }))
 *   console.log(phase, actors.join(" "));
 * // open p1 p2 p3 / start p1 / join p2 p3 / reload p2 / leave p3 / rejoin p3 / end p1
 * ```
 * @module
 */

/** The phases of the A3 flow, in the order {@link a3Flow} lists them. */
export const A3_PHASES = ["open", "start", "join", "reload", "leave", "rejoin", "end"] as const;

/** One phase of the A3 flow. */
export type A3PhaseName = (typeof A3_PHASES)[number];

/** A phase and the participants who act in it, in the order they act. */
export interface A3Phase<P> {
  phase: A3PhaseName;
  /**
   * `open`: everyone opens the app (the host first); `start`: the host starts a session; `join`:
   * every attendee joins, one by one; `reload`: the first joiner's app reloads mid-session;
   * `leave` / `rejoin`: the last joiner leaves and joins again; `end`: the host ends.
   */
  actors: readonly P[];
}

/** Options of {@link a3Flow}. */
export interface A3FlowOptions {
  /** Include the `reload` phase (certification's collab-full profile). Default false. */
  reload?: boolean;
}

/**
 * The A3 flow for `participants` (the host first, then the attendees): open, start, join,
 * (reload), leave, rejoin, end.
 *
 * @param participants The host, then the attendees, as whatever identifies them to the caller
 *   (participant ids, nicknames).
 * @throws {Error} With fewer than two participants: a session needs a host and a joiner.
 */
export function a3Flow<P>(
  participants: readonly P[],
  options: A3FlowOptions = {},
): readonly A3Phase<P>[] {
  const [host, ...joiners] = participants;
  const first = joiners[0];
  const last = joiners.at(-1);
  if (host === undefined || first === undefined || last === undefined)
    throw new Error("the A3 flow needs a host and at least one attendee");
  const phases: A3Phase<P>[] = [
    { phase: "open", actors: [host, ...joiners] },
    { phase: "start", actors: [host] },
    { phase: "join", actors: joiners },
  ];
  if (options.reload) phases.push({ phase: "reload", actors: [first] });
  phases.push(
    { phase: "leave", actors: [last] },
    { phase: "rejoin", actors: [last] },
    { phase: "end", actors: [host] },
  );
  return phases;
}
