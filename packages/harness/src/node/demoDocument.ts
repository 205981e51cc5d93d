/**
 * The bundled demo's page as the harness serves it to a participant: its `index.html` with the
 * participant's client script first (decision 0008).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientScriptTag, injectIntoHtml } from "./clientScript.ts";
import type { ParticipantClient } from "./participantClients.ts";
import { isDocumentRequest } from "./proxy.ts";
import { FILE_UNREADABLE, sendText } from "./respond.ts";

/**
 * Answers a document request of the demo (`/` and every path without an extension) with its
 * page and `client`'s script, or returns false to let the static server answer. A page that
 * cannot be read (a rebuild is replacing it) gets 503 {@link FILE_UNREADABLE}.
 */
export function sendDemoDocument(
  req: IncomingMessage,
  res: ServerResponse,
  demoDir: string,
  client: ParticipantClient,
  pathname: string,
): boolean {
  if (!isDocumentRequest(req) || /\.[a-z0-9]+$/i.test(pathname.replace(/\/index\.html$/, "")))
    return false;
  let html: Buffer;
  try {
    html = readFileSync(`${demoDir}/index.html`);
  } catch (error) {
    sendText(
      res,
      503,
      `Yiqi could not read the demo's page (${(error as NodeJS.ErrnoException).code ?? String(error)}) [${FILE_UNREADABLE}]: the harness's files changed while it runs (a rebuild?). Load the page again when the build has finished; if this persists, reinstall @yiqi/harness or run \`pnpm build\`.`,
      { "cache-control": "no-store", "x-yiqi-error": FILE_UNREADABLE },
    );
    return true;
  }
  const { tag } = clientScriptTag(client);
  const body = injectIntoHtml(html, tag);
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(body.length),
    "cache-control": "no-cache",
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}
