// RFC 6120 §4.6 Handling of Silent Peers: the whitespace a peer sends to keep a stream alive (which
// §11.7 allows between first-level elements) is taken without a stream error.
import { section } from "../kit/index.ts";

export default section("rfc6120", "4.6", "Handling of Silent Peers", [
  {
    id: "rfc6120/4.6/whitespace-keepalive",
    title: "whitespace between elements (a keep-alive) is accepted and the stream goes on",
    requirements: ["RFC6120-11.7-1"],
    needs: ["tcp"],
    users: ["alice"],
    async run(_ctx, { alice }) {
      await alice.send(" \n \t ");
      await alice.barrier();
    },
  },
]);
