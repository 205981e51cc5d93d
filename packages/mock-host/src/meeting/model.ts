import type {
  MeetingType,
  Platform,
  RoleType,
  RunningScene,
  WemeetEventMessage,
  WemeetHostApi,
  WemeetNoticeApi,
} from "@yiqi/jsapi";

/** How a participant is described when added (everything but the nickname has a default). */
export interface ParticipantInit {
  /** Driver-side id (default `p1`, `p2`, ... in order of addition). */
  id?: string;
  nickname: string;
  /** Default `RoleType.ATTENDEE`. */
  role?: RoleType;
  /** The emulated client version (default `3.14.0.400`). */
  clientVersion?: string;
  /** Default `Mac`. */
  platform?: Platform;
  /** Default `zh-CN`. */
  language?: string;
  /** Whether the user authorised the app (then events carry `openId`). Default false. */
  authorized?: boolean;
  /** The meeting-scoped temporary id (default: seeded). */
  msOpenId?: string;
  /** The app-scoped id, exposed only while authorised (default: seeded). */
  openId?: string;
  /** The UA's `c_district`: 0 mainland China (default), 1 elsewhere. */
  district?: 0 | 1;
  /** `getUserInfo().avatarUrl` / `user-join` `avatar` (default: none). */
  avatarUrl?: string;
  /** What `data.getPhoneNumber`'s token resolves to (default `13800138000`, `86`). */
  phoneNumber?: string;
  countryCode?: string;
  /** The CustomerData of the participant's personal join link (`meeting.getCustomerData`). */
  customerData?: string;
  /** `user-join` `userId` (default: seeded). */
  userId?: string;
}

/** A participant of the simulated meeting. */
export interface Participant {
  readonly id: string;
  readonly msOpenId: string;
  /** Present only when {@link Participant.authorized}. */
  readonly openId?: string;
  readonly nickname: string;
  readonly role: RoleType;
  readonly clientVersion: string;
  readonly platform: Platform;
  readonly language: string;
  readonly authorized: boolean;
  readonly district: 0 | 1;
  /** The seeded device id (`getRunningContext().deviceId` from 3.14). */
  readonly deviceId: string;
  readonly avatarUrl?: string;
  readonly phoneNumber: string;
  readonly countryCode: string;
  readonly customerData: string;
  readonly userId: string;
}

/** What can change on a participant at runtime. */
export type ParticipantPatch = Partial<
  Pick<
    ParticipantInit,
    | "nickname"
    | "role"
    | "clientVersion"
    | "platform"
    | "language"
    | "authorized"
    | "district"
    | "avatarUrl"
    | "phoneNumber"
    | "countryCode"
    | "customerData"
  >
>;

/** The app as configured in Tencent's console (SPEC A3 "应用配置一起用功能"). */
export interface AppConfig {
  name: string;
  /**
   * The app's description in Tencent's console: the default `desc` of the "share this app"
   * card (§6 SOA-MD). Absent: the card's `desc` is empty (decision 0120).
   */
  description?: string;
  /** The marketplace app id. */
  appId: string;
  /** The `sdkId` apps pass to `permission.agentConfig` (and the OAuth `sdk_id`). */
  sdkId: string;
  /** The `corpId` of the app's company. */
  corpId: string;
  /** The OAuth secret (`secret` of the access_token endpoint). */
  secret: string;
  /** 一起用 enabled for the app. */
  collaboration: boolean;
  /** "screen-share the app" console setting. */
  screenShare: boolean;
  /** A game app: the entry label is 一起玩 instead of 一起用. */
  game: boolean;
  /** The page the client opens when a participant opens the app. */
  url: string;
  /** Bound with `enable_customer_data` = 1 (`meeting.getCustomerData`; default true). */
  enableCustomerData: boolean;
  /** Trusted domains of `ui.openExternalPage` (default: the host of {@link AppConfig.url}). */
  trustedDomains: string[];
}

/**
 * The simulated meeting's data as `meeting.getCurrMeetingInfo()` reports it (MINFO); edit it
 * with `meeting.updateMeetingInfo`. `meetingId`, `roleType` and `isInMeeting` come from the
 * meeting, the caller and the scene.
 */
export interface MeetingInfoData {
  /** The meeting code participants dial or type to join (digits, as a string). */
  meetingCode: string;
  /** The meeting's subject (title). */
  meetingSubject: string;
  /** Regular, recurring, … (a `MeetingType` value from `@yiqi/jsapi`). */
  meetingType: MeetingType;
  /** Whether the meeting shows a watermark. */
  enableWatermark: boolean;
  /** The breakout room the caller is in; `""` when none. */
  breakoutRoomId: string;
  /** That breakout room's name; `""` when none. */
  breakoutRoomName: string;
  /** Whether the host has started breakout rooms. */
  isBreakoutRoomStarted: boolean;
  /** Whether the caller is in a breakout room now (Tencent's spelling `BreakOut`). */
  isInBreakOutRoom: boolean;
  /** Recurring meetings only ("" otherwise); reported from client 3.7.0. */
  subMeetingId: string;
}

/**
 * The scene an app instance runs in: every documented scene but `unknown` (the legacy
 * `inmeeting` spelling is a decision option of `inMeeting`). `inCollaboration` is never chosen:
 * an in-meeting instance runs in it while its participant is in the 一起用 session.
 */
export type InstanceScene = Exclude<RunningScene, "inmeeting" | "unknown">;

/** The scenes a panel can be opened in (docs/decisions/0112-scenes.md). */
export type OpenScene = Exclude<InstanceScene, "inCollaboration">;

/** Options of `meeting.ui.openApp`. */
export interface OpenAppOptions {
  /** The page to open (default: the app's url). */
  url?: string;
  /** Where the client opens it (default `inMeeting`; `inWaitingRoom` needs client 3.18). */
  scene?: OpenScene;
}

/** Which app page the client should show for a participant. */
export interface AppSlotView {
  /** The URL to load. */
  url: string;
  scene: InstanceScene;
  /** Changes whenever the client must open a NEW instance (new iframe). */
  key: string;
  /** The connected instance, or null while the client has not connected one yet. */
  instanceId: string | null;
}

/** A pending confirmation dialog. */
export interface ConfirmationView {
  kind: "start" | "end";
  /** The dialog text. */
  message: string;
}

/**
 * Everything the client UI shows one participant, as plain data. Render it; change it only
 * through `meeting.ui.*`.
 */
export interface ParticipantView {
  participantId: string;
  nickname: string;
  role: RoleType;
  /** The app the client has open for this participant, or null (close any frame). */
  app: AppSlotView | null;
  /** The 一起用 / 一起玩 button of the app's top bar. */
  startButton: { visible: boolean; label: "一起用" | "一起玩" };
  /** Whether this participant's client offers "end" (starter, or hosts by decision). */
  endButton: boolean;
  /** "正在一起使用 <app>" while this participant is in the session (starter or joined). */
  statusBar: { text: string } | null;
  /** The Join invitation of a session this participant has not answered yet. */
  invitation: { activeId: string; appName: string; from: string } | null;
  /** The persistent "重新加入" bar after leaving (or dismissing the invitation). */
  rejoinBar: { text: string; activeId: string } | null;
  /** The starter's app shown as a screen share (to non-joined participants, if configured). */
  screenShare: { fromParticipantId: string; appName: string } | null;
  /** The starter's app is shown in presenter mode in this participant's client. */
  presenter: boolean;
  confirmation: ConfirmationView | null;
}

/** The active collaboration session, as plain data. */
export interface SessionSnapshot {
  activeId: string;
  url: string;
  starterId: string;
  startedAt: number;
  /** Participants who joined (the starter excluded). */
  joined: string[];
}

/** How the bridge adapter describes a connecting app frame. */
export interface OpenInstanceOptions {
  /** The frame's current page URL. */
  url: string;
  /** The frame's origin as the adapter verified it (recorded only). */
  origin?: string;
  /** The scene (default: the panel's, else `inMeeting`). */
  scene?: OpenScene;
}

/** A snapshot of an app instance. */
export interface InstanceSnapshot {
  id: string;
  participantId: string;
  url: string;
  origin: string | null;
  scene: InstanceScene;
  closed: boolean;
  closeReason: string | null;
  /** Whether `permission.agentConfig` / `config` succeeded on this instance. */
  authorized: boolean;
  /** The last `app.setShareOpenAppConfig` (null: defaults). */
  shareOpenAppConfig: Record<string, unknown> | null;
  /** The app window is being shared (`app.shareWebAppWindow`). */
  windowShared: boolean;
  /** `popup`, `side_bar` or `major_meeting` (`ui.changeWebAppPosition`). */
  position: string;
}

/**
 * One app frame connected to the emulated client, bound to one participant at open time.
 * Every `api` method resolves to a `HostResult` and never throws or rejects.
 */
export interface AppInstance {
  readonly id: string;
  readonly participantId: string;
  /**
   * The host API bound to this instance (serve it over `@yiqi/bridge`), with `notify`, the
   * client's handling notices (decision 0306).
   */
  readonly api: WemeetHostApi & WemeetNoticeApi;
  /**
   * Resolves once the instance's client reported how the app handled every event delivered to
   * it (at once for a client that does not report). An adapter waits for it, bounded, before it
   * closes the connection of a closed instance, so the report of the last event (leave, end)
   * still arrives.
   */
  reportsSettled(): Promise<void>;
  /** Receive the `wemeet` events for this instance; returns the unsubscribe function. */
  onEvent(listener: (msg: WemeetEventMessage) => void): () => void;
  /**
   * Called once when the instance closes (by the simulator on leave/end/replace, or by
   * `close`). Listeners run synchronously; a call of this instance that caused the close
   * (e.g. `leave`) still resolves afterwards, so deliver its result before tearing down.
   */
  onClose(listener: (reason: string) => void): () => void;
  /** Close from the adapter side (frame gone). Does not change session membership. */
  close(reason?: string): void;
  readonly closed: boolean;
  /** Why it closed, or null while open. */
  readonly closeReason: string | null;
}
