/**
 * Serves the fixture apps of tests/certify/apps on a free loopback port (a stand-in for the apps'
 * own deployments) and passes its URL to the tests in `YIQI_FIXTURES_URL`. Each shard runs its
 * own, so shards on one machine never share a port.
 */
import { serveFixtures } from "../certify/src/serveFixtures.ts";

// biome-ignore lint/style/noDefaultExport: Playwright runs a globalSetup module's default export
export default async function globalSetup(): Promise<() => Promise<void>> {
  const fixtures = await serveFixtures();
  process.env.YIQI_FIXTURES_URL = fixtures.url("");
  return () => fixtures.close();
}
