// XEP-0199 §4.1: a server may ping a connected client to test the stream. Where it does (a case waits a
// few seconds for one, else SKIPs), its ping is an IQ get carrying an 'id' and one <ping/>; and a client
// that answers with an error (§4.1: a client without ping support returns <service-unavailable/>) keeps
// its session, the error unanswered.
import { Violation } from "../../harness/errors.ts";
import { clip, pong, section, serverPing } from "../kit/index.ts";

export default section("xep0199", "4.1", "Server-To-Client Pings", [
  {
    id: "xep0199/4.1/server-ping-is-get",
    title:
      "a ping the server sends a client of its own is an IQ get with an 'id' and <ping/> as its only child",
    requirements: ["RFC6120-8.2.3-1", "RFC6120-8.2.3-7"],
    serverGenerated: true,
    users: ["alice"],
    lingers: "waits for a ping of the server's own (SERVER_PING_WAIT_MS)",
    async run(ctx, { alice }) {
      const ping = await serverPing(ctx, alice);
      if (ping.attrs.type !== "get") throw new Violation(`the server's ping is not an IQ get: ${clip(ping)}`);
      if (!ping.attrs.id) throw new Violation(`the server's ping has no 'id': ${clip(ping)}`);
      if (ping.getChildElements().length !== 1)
        throw new Violation(`the server's ping has more than one child: ${clip(ping)}`);
      await alice.send(pong(ping));
    },
  },
  {
    id: "xep0199/4.1/error-answer-keeps-session",
    title:
      "answering the server's ping with <service-unavailable/> keeps the session, and the error is not answered",
    requirements: ["RFC6120-8.3.1-11"],
    users: ["alice"],
    lingers: "waits for a ping of the server's own (SERVER_PING_WAIT_MS)",
    async run(ctx, { alice }) {
      const ping = await serverPing(ctx, alice);
      await alice.send(pong(ping, "service-unavailable"));
      const after = await alice.barrier().catch((err: Error) => err);
      if (after instanceof Error)
        throw new Violation(
          `the session did not survive an error answer to the server's ping: ${after.message}`,
        );
      const answered = after.find((el) => el.attrs.id === ping.attrs.id);
      if (answered) throw new Violation(`the server answered our error to its ping: ${clip(answered)}`);
    },
  },
]);
