/**
 * `runRequestCase`: runs one declarative {@link RequestCase} of the Rooms contract: a raw frame
 * expecting a JSON-RPC error, or a request (after its `given` states) expecting an `error_code`,
 * a check and a sharing state afterwards. A version too old for the action must answer 9.
 *
 * @module
 */
import { isObj } from "./caseHelpers.ts";
import type { RequestCase } from "./cases.ts";
import { type CaseContext, CaseFailure } from "./context.ts";

/** Runs `c` on `ctx`; resolves when it passes, throws a {@link CaseFailure} with the problem. */
export async function runRequestCase(ctx: CaseContext, c: RequestCase): Promise<void> {
  const send = c.send;
  if ("raw" in send) {
    if (!("jsonrpc_error" in c.expect))
      throw new CaseFailure("a raw case must expect a JSON-RPC error");
    const frame = await ctx.sendRaw(send.raw);
    const m = frame.json;
    if (!isObj(m) || !isObj(m.error) || m.error.code !== c.expect.jsonrpc_error)
      throw new CaseFailure(
        `expected a JSON-RPC error ${c.expect.jsonrpc_error}, got ${frame.text}`,
      );
    if (m.jsonrpc !== "2.0")
      throw new CaseFailure(`the error lacks "jsonrpc": "2.0": ${frame.text}`);
    return;
  }
  if ("jsonrpc_error" in c.expect)
    throw new CaseFailure("a request case must expect an in-band result");
  const params = send.params ?? {};
  const module = send.method.startsWith("Call/") ? send.method.slice(5) : undefined;
  const action = typeof params.action === "string" ? params.action : undefined;
  const unsupported = module !== undefined && action !== undefined && !ctx.supports(module, action);
  if (!unsupported) await ctx.ensure(c.given ?? []);
  const r = await ctx.request(send.method, params, send.id);
  const expected = unsupported ? 9 : c.expect.error_code;
  if (r.error_code !== expected)
    throw new CaseFailure(
      `expected error_code ${expected}, got ${r.error_code} (${JSON.stringify(r.message)})`,
    );
  if (unsupported) return;
  const problem = c.expect.check?.(r);
  if (problem) throw new CaseFailure(problem);
  const sharing = c.expect.after?.sharing;
  if (sharing !== undefined && (await ctx.isSharing()) !== sharing)
    throw new CaseFailure(`afterwards is_sharing should be ${sharing}`);
}
