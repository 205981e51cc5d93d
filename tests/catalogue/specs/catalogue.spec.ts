/**
 * The platform team's catalogue, one test per app: `catalogue.json` next to the config.
 * Relative app URLs resolve against the fixture server `globalSetup` started.
 */
import { fileURLToPath } from "node:url";
import { certifyCatalogue } from "@yiqi/conformance/playwright";

certifyCatalogue(fileURLToPath(new URL("../catalogue.json", import.meta.url)), {
  baseUrl: () => process.env.YIQI_FIXTURES_URL,
});
