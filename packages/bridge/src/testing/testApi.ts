/**
 * The contract's host API ({@link TestApi}), what a runtime supplies to each case, and the
 * namespace the contract host serves.
 *
 * @module
 */
import type { Connection } from "../connect.ts";
import type { HostConnection } from "../host.ts";

/** The API every contract host serves. */
export interface TestApi {
  echo<T>(value: T): Promise<T>;
  add(a: number, b: number): Promise<number>;
  sleep(ms: number): Promise<string>;
  fail(message: string): Promise<never>;
  /** The origin the host bound this connection to. */
  whoami(): Promise<string>;
  /** Emits `count` events named `name` with payload `{ i }`, then resolves. */
  emit(name: string, count: number): Promise<number>;
  /** Schedules the host to close this connection after `ms`. */
  closeSoon(ms: number): Promise<void>;
  /** Records `value` on this connection (the target of one-way messages). */
  note(value: unknown): void;
  /** What `note` recorded on this connection, in order. */
  notes(): Promise<unknown[]>;
  /** An inherited member must never be callable. */
  readonly secret?: string;
}

/** Builds the contract host API for one connection. */
export function testApi(connection: HostConnection): TestApi {
  const noted: unknown[] = [];
  return {
    note: (value: unknown): void => {
      noted.push(value);
    },
    notes: async (): Promise<unknown[]> => noted,
    echo: async <T>(value: T): Promise<T> => value,
    add: async (a: number, b: number): Promise<number> => a + b,
    sleep: (ms: number): Promise<string> => new Promise((r) => setTimeout(() => r("slept"), ms)),
    fail: async (message: string): Promise<never> => {
      throw new Error(message);
    },
    whoami: async (): Promise<string> => connection.origin,
    emit: async (name: string, count: number): Promise<number> => {
      for (let i = 0; i < count; i++) connection.emit(name, { i });
      return count;
    },
    closeSoon: async (ms: number): Promise<void> => {
      setTimeout(() => connection.close("closeSoon"), ms);
    },
  };
}

/** Host-side variations a case needs; the runtime applies them when it builds the host. */
export interface HostSetup {
  /** Allowed origins; `"other"` means an origin that is not the app's. */
  allowedOrigins?: "default" | "other";
  protocol?: number;
  namespace?: string;
  maxMessageBytes?: number;
  /** `false`: a host that takes no one-way messages (as before them). */
  oneway?: boolean;
  /** The host's `maxOneWayPerSecond`. */
  maxOneWayPerSecond?: number;
}

/** What the runtime gives each case. */
export interface ContractContext {
  /** The host origin as the app addresses it. */
  hostOrigin: string;
  /** The app's own origin as the host sees it. */
  appOrigin: string;
  /** Connects to the host with the contract namespace unless overridden. */
  connect(options?: {
    /** Address the hello to this origin instead of the host's (nobody answers). */
    hostOrigin?: string;
    protocol?: number;
    namespace?: string;
    timeout?: number;
    callTimeout?: number;
    signal?: AbortSignal;
  }): Promise<Connection<TestApi>>;
  /** Does a handshake by hand and returns the raw port, to send messages comlink never would. */
  rawHandshake(): Promise<MessagePort>;
}

/** One contract case. */
export interface ContractCase {
  name: string;
  host?: HostSetup;
  run(ctx: ContractContext): Promise<void>;
}

/** The namespace the contract host serves. */
export const CONTRACT_NAMESPACE = "yiqi.contract";
