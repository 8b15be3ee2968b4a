// XEP-0054 §8 Implementation Notes: the format rules of a vCard, which bind whoever writes one. The suite
// cannot hold the server to its users' vCards (it stores what they send), but it can to the vCard the
// server writes itself, its own (§3.3 note: "an XMPP server could itself have a vCard").
import { Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  type Client,
  cardOf,
  clip,
  type Element,
  requireVcard,
  section,
  vcardGet,
} from "../kit/index.ts";

/** The server's own vCard; SKIP when it has none (an error, or an empty <vCard/>). */
async function serverCard(ctx: CaseContext, alice: Client): Promise<Element> {
  await requireVcard(ctx, alice);
  const reply = await ctx.setUp("alice gets the server's vCard", () => alice.iq(vcardGet(ctx.domain)));
  const card = reply.attrs.type === "result" ? cardOf(reply) : undefined;
  if (!card || card.getChildElements().length === 0) ctx.skip("the server has no vCard of its own");
  return card;
}

function descendants(el: Element): Element[] {
  return el.getChildElements().flatMap((c) => [c, ...descendants(c)]);
}

export default section("xep0054", "8", "Implementation Notes", [
  {
    id: "xep0054/8/server-vcard-all-caps",
    title: "every element inside the server's own <vCard/> is named in ALL CAPS",
    requirements: ["XEP0054-8-1"],
    serverGenerated: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const card = await serverCard(ctx, alice);
      const lower = descendants(card).filter((c) => c.getName() !== c.getName().toUpperCase());
      if (lower.length)
        throw new Violation(
          `the server's vCard has elements not in ALL CAPS: ${lower.map((c) => `<${c.getName()}/>`).join(", ")}`,
        );
    },
  },
  {
    id: "xep0054/8/server-vcard-tel-number",
    title:
      "each <TEL/> of the server's own vCard holds its number in a <NUMBER/> child (an empty one when there is no number), never as text",
    requirements: ["XEP0054-8-2", "XEP0054-8-3"],
    serverGenerated: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const card = await serverCard(ctx, alice);
      const tels = card.getChildren("TEL");
      ctx.require(tels.length > 0, "the server's vCard has no <TEL/>");
      for (const tel of tels) {
        if (tel.getText().trim() !== "")
          throw new Violation(`a <TEL/> holds its number as text, not in <NUMBER/>: ${clip(tel)}`);
        if (!tel.getChild("NUMBER"))
          throw new Violation(`a <TEL/> has no <NUMBER/> child (an empty one is required): ${clip(tel)}`);
      }
    },
  },
  {
    id: "xep0054/8/server-vcard-email-userid",
    title: "each <EMAIL/> of the server's own vCard holds its address in a <USERID/> child, never as text",
    requirements: ["XEP0054-8-4"],
    serverGenerated: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const card = await serverCard(ctx, alice);
      const emails = card.getChildren("EMAIL");
      ctx.require(emails.length > 0, "the server's vCard has no <EMAIL/>");
      for (const email of emails) {
        if (email.getText().trim() !== "" || !email.getChild("USERID"))
          throw new Violation(`an <EMAIL/> does not hold its address in <USERID/>: ${clip(email)}`);
      }
    },
  },
]);
