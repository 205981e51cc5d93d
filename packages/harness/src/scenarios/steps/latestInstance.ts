/**
 * Reading apps from the simulator: a participant's most recent app instance and the trace
 * entries of one instance (apps are cross-origin: what they did is read from the trace).
 *
 * @module
 */
import type { InstanceSnapshot, MeetingModel, TraceEntry } from "@yiqi/mock-host";

/** Participant `pid`'s most recent app instance, or undefined before their first one. */
export const latestInstance = (m: MeetingModel, pid: string): InstanceSnapshot | undefined =>
  m
    .instances()
    .filter((i) => i.participantId === pid)
    .at(-1);

/** Trace entries of instance `instanceId`. */
export const instanceEntries = (m: MeetingModel, instanceId: string): TraceEntry[] =>
  m.trace.entries().filter((e) => e.instanceId === instanceId);
