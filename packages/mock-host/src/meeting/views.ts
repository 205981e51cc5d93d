/**
 * What the emulated client shows: each participant's view, instance and session snapshots, as
 * plain data computed from the state (docs/decisions/0100, 0102, 0103). Internal.
 *
 * @module
 */

import { JSAPI_TABLE } from "@yiqi/jsapi";
import {
  entryLabel,
  HOSTISH,
  type IState,
  isMember,
  type MeetingState,
  type PState,
  sceneOf,
  slotInstance,
} from "./meetingState.ts";
import type { InstanceSnapshot, ParticipantView, SessionSnapshot } from "./model.ts";
import { supportsCollaboration } from "./version.ts";

/** What participant `ps`'s client shows. */
export function viewOf(st: MeetingState, ps: PState): ParticipantView {
  const { app, decisions } = st;
  const s = st.session;
  const member = isMember(st, ps.p.id);
  const isStarter = s?.starterId === ps.p.id;
  const inst = slotInstance(st, ps);
  const starter = s ? st.people.get(s.starterId) : undefined;
  const startPending = [...st.people.values()].some((o) => o.confirmation?.kind === "start");
  const supports = supportsCollaboration(ps.p.clientVersion);
  return {
    participantId: ps.p.id,
    nickname: ps.p.nickname,
    role: ps.p.role,
    app: ps.slot
      ? {
          url: ps.slot.url,
          scene: member ? "inCollaboration" : ps.slot.scene,
          key: ps.slot.key,
          instanceId: inst ? inst.id : null,
        }
      : null,
    startButton: {
      visible:
        app.collaboration &&
        supports &&
        (!decisions.platformGates ||
          JSAPI_TABLE.collaborationStart.platforms.includes(ps.p.platform)) &&
        (ps.slot?.scene ?? "inMeeting") === "inMeeting" &&
        HOSTISH.has(ps.p.role) &&
        ps.slot !== null &&
        (inst ? inst.config.visible : true) &&
        s === null &&
        !startPending,
      label: entryLabel(st),
    },
    endButton:
      s !== null && (isStarter || (decisions.endPermission === "hosts" && HOSTISH.has(ps.p.role))),
    statusBar: member ? { text: `正在一起使用 ${app.name}` } : null,
    invitation:
      s && ps.invitation === s.activeId
        ? { activeId: s.activeId, appName: app.name, from: starter?.p.nickname ?? s.starterId }
        : null,
    rejoinBar: s && ps.rejoin === s.activeId ? { text: "重新加入", activeId: s.activeId } : null,
    screenShare:
      s && app.screenShare && !member
        ? { fromParticipantId: s.starterId, appName: app.name }
        : null,
    presenter: isStarter,
    confirmation: ps.confirmation
      ? { kind: ps.confirmation.kind, message: ps.confirmation.message }
      : null,
  };
}

/** A snapshot of an instance. */
export function instanceSnapshot(st: MeetingState, inst: IState): InstanceSnapshot {
  return {
    id: inst.id,
    participantId: inst.pid,
    url: inst.url,
    origin: inst.origin,
    scene: sceneOf(st, inst),
    closed: inst.closed,
    closeReason: inst.closeReason,
    authorized: inst.authorized,
    shareOpenAppConfig: inst.shareOpenAppConfig ? { ...inst.shareOpenAppConfig } : null,
    windowShared: inst.windowShared,
    position: inst.position,
  };
}

/** The active session as plain data, or null. */
export function sessionSnapshot(st: MeetingState): SessionSnapshot | null {
  const s = st.session;
  return s
    ? {
        activeId: s.activeId,
        url: s.url,
        starterId: s.starterId,
        startedAt: s.startedAt,
        joined: [...s.joined],
      }
    : null;
}
