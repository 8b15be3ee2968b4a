// XEP-0114 §3 Protocol Flow, the stream and the handshake: the harness is the component. The server
// answers a component's header with its own (carrying the stream id the handshake is computed from),
// refuses a header it will not service with a framed stream error, acknowledges a good handshake with an
// empty <handshake/>, and closes the stream and the connection on a bad one.
import { randomBytes } from "node:crypto";
import { Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  type CaseSpec,
  componentCase,
  componentHeaderSent,
  componentOf,
  componentStreamWithId,
  handshakeAnswer,
  handshakeFor,
  NS,
  openComponentStream,
  section,
  streamErrorOf,
  streamIdOf,
  xml,
} from "../kit/index.ts";

/**
 * §3 / RFC 6120 §4.7.1: a header the server will not take is answered with its header, then the stream
 * error, then the closing tag. Returns the condition.
 */
async function framedHeaderError(ctx: CaseContext, attrs: Record<string, string>, what: string) {
  const { s, header } = await componentHeaderSent(ctx, attrs);
  const answered = await header.then(
    () => true,
    () => false,
  );
  const condition = await s.expectStreamError().catch(() => undefined);
  if (condition === undefined) {
    const ack = s.inbox.find((el) => el.name === "handshake");
    throw new Violation(
      `the target took a component stream ${what}: "it MUST return a stream error"${ack ? ` (${ack.toString()})` : ""}`,
    );
  }
  if (!answered)
    throw new Violation(
      `the stream error for a component stream ${what} came without a stream header: "the server MUST follow the rules in Section 4.7.1 of XMPP Core by returning an opening stream tag, stream error element, and closing stream tag"`,
    );
  await s.expectClose();
  if (!s.streamEnded)
    throw new Violation(
      `after the stream error for a component stream ${what} the connection dropped without the closing stream tag (§3, RFC 6120 §4.7.1)`,
    );
  return condition;
}

/** A name no server services: a fresh label below .invalid (RFC 6761). */
function unservicedName(): string {
  return `xmppspec-${randomBytes(4).toString("hex")}.invalid`;
}

interface BadHandshake {
  slug: string;
  title: string;
  /** The value sent for the stream `id` (a second, earlier stream gives `replayed` its id). */
  value(ctx: CaseContext, id: string): Promise<string>;
}

const BAD_HANDSHAKES: BadHandshake[] = [
  {
    slug: "wrong-secret",
    title: "a handshake computed with another secret",
    value: async (ctx, id) => handshakeFor(ctx, `${id}x`).replace(/^./, (c) => (c === "0" ? "1" : "0")),
  },
  {
    slug: "replayed",
    title: "the handshake of an earlier stream (another stream id)",
    async value(ctx) {
      const earlier = await ctx.setUp("open an earlier component stream for its id", async () => {
        const { s, header } = await openComponentStream(ctx, {}, "earlier");
        await s.close();
        return streamIdOf(header);
      });
      return handshakeFor(ctx, earlier);
    },
  },
  { slug: "empty", title: "an empty handshake", value: async () => "" },
];

function badHandshakeCase(row: BadHandshake): CaseSpec {
  return componentCase({
    id: `xep0114/3/bad-handshake-${row.slug}-closes`,
    title: `${row.title} is refused: the server closes the stream and the TCP connection`,
    requirements: ["XEP0114-3-6"],
    async run(ctx) {
      const { s, id } = await componentStreamWithId(ctx);
      const value = await row.value(ctx, id);
      await s.send(xml("handshake", {}, value || null), { redact: true });
      const answer = await handshakeAnswer(s);
      if (answer !== "closed" && answer.name === "handshake")
        throw new Violation(`the target accepted ${row.title}: ${answer.toString()}`);
      await s.expectClose();
      await s.transport.end().catch(() => {});
      if (!s.closed)
        throw new Violation(
          `after ${row.title} the connection stayed open: "the receiver MUST close the stream and the underlying TCP connection"`,
        );
    },
  });
}

export default section("xep0114", "3", "Protocol Flow: stream and handshake", [
  componentCase({
    id: "xep0114/3/response-header",
    title: "the server answers the component's stream header with a stream header",
    requirements: ["XEP0114-3-1"],
    async run(ctx) {
      const { header } = await openComponentStream(ctx);
      if (header.name !== "stream:stream" || header.attrs["xmlns:stream"] !== NS.stream)
        throw new Violation(`the response is not a <stream:stream/> header: ${header.toString()}`);
    },
  }),
  componentCase({
    id: "xep0114/3/response-header-stream-id",
    title: "the server's response header carries the stream id the handshake is computed from",
    requirements: ["XEP0114-3-1"],
    async run(ctx) {
      const { header } = await openComponentStream(ctx);
      streamIdOf(header);
    },
  }),
  componentCase({
    id: "xep0114/3/handshake-acknowledged",
    title: "a handshake with hex SHA-1(stream id + secret) is acknowledged with an empty <handshake/>",
    requirements: ["XEP0114-3-7"],
    async run(ctx) {
      const { s, id } = await componentStreamWithId(ctx);
      await s.send(xml("handshake", {}, handshakeFor(ctx, id)), { redact: true });
      const answer = await handshakeAnswer(s);
      if (answer === "closed" || answer.name !== "handshake")
        throw new Violation(
          `the target refused the handshake computed with the secret of the run: ${answer === "closed" ? "it closed the stream" : answer.toString()}`,
        );
      if (answer.children.length > 0)
        throw new Violation(
          `"the server MUST return an empty <handshake/> element", got ${answer.toString()}`,
        );
    },
  }),
  ...BAD_HANDSHAKES.map(badHandshakeCase),
  componentCase({
    id: "xep0114/3/bad-handshake-not-authorized",
    title: "a wrong handshake gets the <not-authorized/> stream error",
    requirements: ["XEP0114-3-6"],
    async run(ctx) {
      const { s, id } = await componentStreamWithId(ctx);
      await s.send(xml("handshake", {}, handshakeFor(ctx, `${id}-not-this-one`)), {
        redact: true,
      });
      const answer = await handshakeAnswer(s);
      const condition = streamErrorOf(s);
      ctx.should(
        condition === "not-authorized",
        `after a wrong handshake the receiver "SHOULD return a <not-authorized/> stream error": got ${condition === undefined ? (answer === "closed" ? "no stream error" : answer.toString()) : `<${condition}/>`}`,
      );
    },
  }),
  componentCase({
    id: "xep0114/3/unknown-name-refused",
    title: "a component header naming a component the server does not service gets a framed stream error",
    requirements: ["XEP0114-3-2", "XEP0114-3-4"],
    async run(ctx) {
      await framedHeaderError(ctx, { to: unservicedName() }, "for an unknown component name");
    },
  }),
  componentCase({
    id: "xep0114/3/server-domain-refused",
    title: "a component header naming the server's own domain gets a framed stream error",
    requirements: ["XEP0114-3-2", "XEP0114-3-4"],
    async run(ctx) {
      ctx.require(componentOf(ctx).domain !== ctx.domain, "the component name is the server's domain");
      await framedHeaderError(ctx, { to: ctx.domain }, `named '${ctx.domain}', the server's own domain`);
    },
  }),
  componentCase({
    id: "xep0114/3/unknown-namespace-refused",
    title: "a component header in an unknown content namespace gets a framed <invalid-namespace/>",
    requirements: ["XEP0114-3-3", "XEP0114-3-4"],
    async run(ctx) {
      const ns = "urn:xmppspec:unknown-component-namespace";
      const condition = await framedHeaderError(ctx, { xmlns: ns }, `in the namespace '${ns}'`);
      if (condition !== "invalid-namespace")
        throw new Violation(
          `"it MUST return an <invalid-namespace/> stream error" for a header in '${ns}', got <${condition ?? "?"}/>`,
        );
    },
  }),
]);
