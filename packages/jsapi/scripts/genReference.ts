/**
 * Writes docs/reference/jsapi.md from the API table: `pnpm --filter @yiqi/jsapi gen:reference`.
 */
import { writeFileSync } from "node:fs";
import { renderReferenceDoc } from "./referenceDoc.ts";

const target = new URL("../../../docs/reference/jsapi.md", import.meta.url);
writeFileSync(target, renderReferenceDoc());
console.log(`wrote ${target.pathname}`);
