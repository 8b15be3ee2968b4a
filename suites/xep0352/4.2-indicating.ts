// XEP-0352 §4.2: once the server offers CSI, a bound client may send <inactive/> and <active/> at any time,
// as often as it likes; the server answers neither and goes on with the stream, handling the client's
// next request after it (§5.1). A server without the <csi/> stream feature SKIPs.
import { type ClientStateName, indicate, requireCsi, section } from "../kit/index.ts";

const SEQUENCES: { slug: string; title: string; states: ClientStateName[] }[] = [
  { slug: "inactive-accepted", title: "<inactive/> after binding", states: ["inactive"] },
  { slug: "active-accepted", title: "<active/> on a stream that is already active", states: ["active"] },
  {
    slug: "repeated-and-toggled",
    title: "<inactive/> twice, then <active/> twice, then <inactive/> again",
    states: ["inactive", "inactive", "active", "active", "inactive"],
  },
];

export default section(
  "xep0352",
  "4.2",
  "Indicating state",
  SEQUENCES.map(({ slug, title, states }) => ({
    id: `xep0352/4.2/${slug}`,
    title: `${title}: no reply, no stream error, the next request answered`,
    requirements: ["XEP0352-5.1-1"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      requireCsi(ctx, alice);
      for (const state of states) await indicate(alice, state);
    },
  })),
);
