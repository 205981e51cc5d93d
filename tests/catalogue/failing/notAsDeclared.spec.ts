/**
 * A catalogue object whose entries are wrong about their apps: a broken app listed as
 * certified, and a certified one listed as known-broken. Both tests must fail.
 */
import { certifyCatalogue } from "@yiqi/conformance/playwright";

certifyCatalogue(
  {
    defaults: { participants: 2, timeout: 15 },
    apps: [
      { name: "Throws on join (listed as certified)", url: "throws-on-join.html" },
      { name: "Pixel Party (listed as broken)", url: "demo", expect: "not-certified" },
    ],
  },
  { baseUrl: () => process.env.YIQI_FIXTURES_URL },
);
