// XEP-0115 §6.3: a server MAY put its own entity capabilities in the stream features; then the <c/> is
// in the current format (§4: hash, node and ver REQUIRED; §9.3: 'hash' REQUIRED for a verification string)
// and the response stream header carries the 'from' a client sends its disco#info to. SKIP without it.
import { Violation } from "../../harness/errors.ts";
import { IANA_HASHES, section, serverCaps } from "../kit/index.ts";

export default section("xep0115", "6.3", "Stream Feature", [
  {
    id: "xep0115/6.3/feature-attributes",
    title: "the server's caps stream feature carries 'hash', 'node' and 'ver'",
    requirements: [
      "XEP0115-4-1",
      "XEP0115-4-2",
      "XEP0115-4-3",
      "XEP0115-13-1",
      "XEP0115-9.3-1",
      "XEP0115-13-2",
    ],
    serverGenerated: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { c } = await serverCaps(ctx, alice);
      const missing = ["hash", "node", "ver"].filter((a) => !c.attrs[a]);
      if (missing.length)
        throw new Violation(`the caps stream feature lacks ${missing.join(", ")}: ${c.toString()}`);
    },
  },
  {
    id: "xep0115/6.3/feature-node-url",
    title: "the server's caps 'node' is an HTTP URL about the software",
    requirements: ["XEP0115-4-4"],
    serverGenerated: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { c } = await serverCaps(ctx, alice);
      ctx.should(
        /^https?:\/\/\S+$/i.test(c.attrs.node ?? ""),
        `the caps 'node' '${c.attrs.node ?? ""}' is not an HTTP URL`,
      );
    },
  },
  {
    id: "xep0115/6.3/feature-hash-registered",
    title: "the server's caps 'hash' is a name of the IANA Hash Function Textual Names registry",
    requirements: ["XEP0115-9.1-3"],
    serverGenerated: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { c } = await serverCaps(ctx, alice);
      const hash = c.attrs.hash ?? "";
      // textual names are lower case in the registry; 'sha1' or 'SHA-1' is not one of them
      ctx.should(
        Object.hasOwn(IANA_HASHES, hash),
        `the caps 'hash' '${hash}' is not an IANA textual name (${Object.keys(IANA_HASHES).join(", ")})`,
      );
    },
  },
  {
    id: "xep0115/6.3/header-from",
    title: "a server offering its caps as a stream feature puts 'from' on its response stream header",
    requirements: ["XEP0115-6.3-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const { header } = await serverCaps(ctx, alice);
      if (!header?.attrs.from)
        throw new Violation("the response stream header that came with the caps feature has no 'from'");
    },
  },
]);
