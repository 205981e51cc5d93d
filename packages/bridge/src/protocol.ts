/**
 * Protocol identity shared by both sides, and the explanation of a mismatch.
 *
 * @module
 */
import { protocolName } from "./wire.ts";

/** The default namespace, for APIs that do not name their own. */
export const DEFAULT_NAMESPACE = "yiqi";
/** The default protocol version. */
export const DEFAULT_PROTOCOL = 1;
/** Default handshake timeout, ms. */
export const DEFAULT_HANDSHAKE_TIMEOUT = 5_000;
/** Default call timeout, ms. */
export const DEFAULT_CALL_TIMEOUT = 10_000;

/** Explains a namespace/version mismatch, naming both sides and which to upgrade. */
export function mismatchMessage(
  app: { ns: string; v: number },
  host: { ns: string; v: number },
): string {
  const met = `the app speaks ${protocolName(app.ns, app.v)}, the host speaks ${protocolName(host.ns, host.v)}`;
  if (app.ns !== host.ns)
    return `${met}: they are different APIs; load the client library made for this host`;
  const older = app.v < host.v ? "app" : "host";
  const lib =
    older === "app"
      ? "the app's @yiqi/jsapi (or the wemeet shim it loads)"
      : "the host (@yiqi/mock-host / the Yiqi harness)";
  return `${met}: upgrade ${lib} to protocol ${Math.max(app.v, host.v)}`;
}
