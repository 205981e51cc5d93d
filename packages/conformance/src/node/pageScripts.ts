/**
 * The two init scripts the runner adds to every app frame (`p<N>.<app>.localhost` only). They
 * run in the page, so they reference nothing outside themselves; they report through the
 * bindings {@link CALL_BINDING} and {@link SIGNAL_BINDING} and never change what the app sees.
 *
 * @module
 */

/** The page binding that receives each `wemeet.*(...)` call: `{ api, args }`. */
export const CALL_BINDING = "__yiqiCertCall";
/** The page binding that receives page errors and console errors. */
export const SIGNAL_BINDING = "__yiqiCertSignal";

/**
 * Records every `wemeet.*(...)` call as the app makes it: the shim rejects mistyped arguments
 * itself, so the host never sees them. Only arguments are recorded; results are left alone
 * (observing a rejection would mark it handled and hide the app's own mistake). Functions and
 * `undefined` are sent as markers (`{ __yiqiFn: 1 }`, `{ __yiqiUndefined: 1 }`).
 */
export function recordWemeetCalls(): void {
  if (!/^p\d+\.[^.]+\.localhost$/.test(location.hostname)) return;
  const report = (api: string, args: unknown[]): void => {
    const encode = (v: unknown, depth: number): unknown => {
      if (typeof v === "function") return { __yiqiFn: 1 };
      if (v === undefined) return { __yiqiUndefined: 1 };
      if (typeof v !== "object" || v === null) return v;
      if (depth > 4) return "[deep]";
      if (Array.isArray(v)) return v.slice(0, 50).map((x) => encode(x, depth + 1));
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).slice(0, 50))
        out[k] = encode((v as Record<string, unknown>)[k], depth + 1);
      return out;
    };
    // The binding's name is spelled out: this function runs in the page, alone.
    const send = (globalThis as { __yiqiCertCall?: (c: unknown) => void }).__yiqiCertCall;
    try {
      send?.({ api, args: args.map((a) => encode(a, 0)) });
    } catch {
      // Recording must never change what the app sees.
    }
  };
  // Listeners are wrapped (once each, so removeEventListener still finds them) to report that
  // the app's own handler ran for an event: delivery to the shim is not handling by the app.
  const handlers = new WeakMap<object, unknown>();
  const handler = (event: unknown, fn: unknown): unknown => {
    if (typeof fn !== "function") return fn;
    const known = handlers.get(fn);
    if (known) return known;
    const signal = (globalThis as { __yiqiCertSignal?: (s: unknown) => void }).__yiqiCertSignal;
    const h = function (this: unknown, ...a: unknown[]): unknown {
      const p = a[0] as { action?: unknown } | null;
      try {
        signal?.({ kind: "handled", event: String(event), action: String(p?.action ?? "") });
      } catch {
        // Reporting must never change what the app sees.
      }
      return Reflect.apply(fn, this, a);
    };
    handlers.set(fn, h);
    return h;
  };
  const wrapped = new WeakMap<object, object>();
  const wrap = <T>(target: T, path: string): T => {
    if (typeof target !== "object" || target === null) return target;
    const known = wrapped.get(target);
    if (known) return known as T;
    const proxy = new Proxy(target, {
      get(t, key, receiver) {
        const value = Reflect.get(t, key, receiver);
        if (typeof key !== "string") return value;
        const name = path ? `${path}.${key}` : key;
        if (typeof value === "function") {
          const call = function (this: unknown, ...args: unknown[]) {
            report(name, args);
            const own = /^(add|remove)EventListener$/.test(name)
              ? [args[0], handler(args[0], args[1]), ...args.slice(2)]
              : args;
            return Reflect.apply(value, this === proxy ? t : this, own);
          };
          // `app.version` is callable and a string (decision 0119): keep its conversions.
          const fn: object = value;
          for (const k of ["toString", "valueOf", "toJSON", Symbol.toPrimitive] as const)
            if (Object.hasOwn(fn, k))
              Object.defineProperty(call, k, {
                value: (...a: unknown[]) =>
                  Reflect.apply(Reflect.get(fn, k) as (...x: unknown[]) => unknown, fn, a),
              });
          return call;
        }
        return path === "" && isNamespace(value) ? wrap(value, name) : value;
      },
    });
    wrapped.set(target, proxy);
    return proxy as T;
  };
  const isNamespace = (v: unknown): boolean =>
    typeof v === "object" && v !== null && Object.values(v).some((x) => typeof x === "function");
  let current: unknown;
  Object.defineProperty(globalThis, "wemeet", {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (value: unknown) => {
      current = wrap(value, "");
    },
  });
}

/**
 * Reports uncaught errors, unhandled rejections and `console.error` calls of the app's frame,
 * whatever script (the app, a CDN bundle, the shim) caused them.
 */
export function reportPageErrors(): void {
  if (!/^p\d+\.[^.]+\.localhost$/.test(location.hostname)) return;
  const send = (kind: string, value: unknown): void => {
    const e = value as { name?: unknown; message?: unknown; stack?: unknown } | null;
    const isErr = value instanceof Error;
    let message: string;
    if (isErr) message = String(e?.message);
    else if (e && typeof e === "object")
      message =
        typeof e.message === "string"
          ? e.message
          : (() => {
              try {
                return JSON.stringify(value);
              } catch {
                return String(value);
              }
            })();
    else message = String(value);
    const report = (globalThis as { __yiqiCertSignal?: (s: unknown) => void }).__yiqiCertSignal;
    report?.({
      kind,
      name: isErr ? String(e?.name) : "",
      message,
      stack: isErr ? String(e?.stack ?? "") : "",
    });
  };
  const consoleError = console.error.bind(console);
  console.error = (...args: unknown[]): void => {
    try {
      send("console", args.map((a) => (typeof a === "string" ? a : String(a))).join(" "));
    } catch {
      // Reporting must never change what the app sees.
    }
    consoleError(...args);
  };
  addEventListener("error", (ev) => send("uncaught", ev.error ?? ev.message));
  addEventListener("unhandledrejection", (ev) => send("unhandledrejection", ev.reason));
}
