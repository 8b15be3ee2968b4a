// RFC 6120 §6 over server-to-server streams, the target as receiving server (XEP-0178 §3): SASL EXTERNAL
// with the certificate the harness presented in TLS, with no authorization identity, with its own domain,
// and with identities it may not assume.
import { StreamClosed, Violation } from "../../../harness/errors.ts";
import {
  type CaseSpec,
  type Client,
  dialbackOffered,
  externalWith,
  NS,
  requireExternal,
  type Secured,
  s2sMessage,
  s2sSecured,
  section,
  starttlsWithout,
} from "../../kit/index.ts";

/** SASL EXTERNAL (with `authzid`, or none) must succeed, and a stanza from the domain then reaches the local user. */
async function externalSucceeds({ s, domain }: Secured, alice: Client, authzid?: string): Promise<void> {
  const answer = await externalWith(s, authzid);
  if (!answer.ok)
    throw new Violation(
      `SASL EXTERNAL failed with <${answer.condition ?? "no condition"}/> for a certificate naming '${domain}', the stream's 'from'`,
    );
  const id = authzid === undefined ? "ext-plain" : "ext-authzid";
  const got = alice.expect({ name: "message", id });
  await s.send(s2sMessage(domain, alice.full, id));
  await got;
}

/** Authorization identities the stream's certificate does not entitle it to (RFC 6120 §6.3.8). */
interface Refused {
  slug: string;
  title: string;
  authzid(domain: string, other: string): string;
}

const REFUSED: Refused[] = [
  {
    slug: "s2s-authzid-other-domain",
    title: "SASL EXTERNAL asserting another domain than the certificate's is refused with <invalid-authzid/>",
    authzid: (_domain, other) => other,
  },
  {
    slug: "s2s-authzid-with-localpart",
    title: "SASL EXTERNAL asserting a JID with a localpart (not a bare domainpart) is refused",
    authzid: (domain) => `romeo@${domain}`,
  },
];

function refusedCase(r: Refused): CaseSpec {
  return {
    id: `rfc6120/6.3.8/${r.slug}`,
    title: r.title,
    requirements: ["RFC6120-6.3.8-6", "RFC6120-6.3.8-5"],
    needs: ["s2s"],
    async run(ctx) {
      const secured = await s2sSecured(ctx);
      requireExternal(ctx, secured.s);
      const authzid = r.authzid(secured.domain, ctx.federation.domain("other"));
      const answer = await externalWith(secured.s, authzid);
      if (answer.ok)
        throw new Violation(`SASL EXTERNAL succeeded with the authorization identity '${authzid}'`);
      ctx.reading("I-6120-s2s-authzid-refusal");
      const condition = answer.condition ?? "";
      if (condition !== "invalid-authzid" && condition !== "not-authorized")
        throw new Violation(`the refusal of '${authzid}' came with <${condition || "no condition"}/>`);
    },
  };
}

export default section(
  "rfc6120",
  "6",
  "SASL EXTERNAL (server-to-server, inbound)",
  [
    {
      id: "rfc6120/13.8.4/s2s-external-success",
      title:
        "SASL EXTERNAL without an authorization identity succeeds for a certificate naming the stream's 'from'; the restarted stream is addressed to it",
      requirements: ["RFC6120-13.8.4-1", "RFC6120-15-11", "RFC6120-4.3.6-7", "RFC6120-4.7.2-4"],
      needs: ["s2s"],
      users: ["alice"],
      async run(ctx, { alice }) {
        const secured = await s2sSecured(ctx);
        ctx.reading("I-6120-mti-external");
        requireExternal(ctx, secured.s);
        await externalSucceeds(secured, alice);
        const to = secured.s.header?.attrs.to; // the restarted stream's response header (§4.7.2)
        if (to !== secured.domain)
          throw new Violation(
            `the response header after the restart has to='${to ?? ""}', not '${secured.domain}'`,
          );
      },
    },
    {
      id: "rfc6120/6.3.4/s2s-external-offered",
      title:
        "after TLS with a certificate naming the stream's 'from', the receiving server offers SASL EXTERNAL, first among its mechanisms",
      requirements: ["RFC6120-6.3.4-2", "RFC6120-6.3.4-4", "XEP0178-3-2"],
      needs: ["s2s"],
      async run(ctx) {
        const { s } = await s2sSecured(ctx);
        ctx.require(!!s.transport.secure, "the target offers no STARTTLS on server-to-server streams");
        const mechanisms = s.offeredMechanisms();
        if (
          ctx.should(
            mechanisms.includes("EXTERNAL"),
            "SASL EXTERNAL is not offered after TLS with a good certificate",
          )
        )
          ctx.should(mechanisms[0] === "EXTERNAL", `EXTERNAL is not listed first: ${mechanisms.join(", ")}`);
      },
    },
    {
      id: "rfc6120/4.3.6/s2s-authzid-own-domain",
      title: "SASL EXTERNAL with the stream's own domain as authorization identity succeeds",
      requirements: ["RFC6120-4.3.6-7", "XEP0178-3-4"],
      needs: ["s2s"],
      users: ["alice"],
      async run(ctx, { alice }) {
        const secured = await s2sSecured(ctx);
        requireExternal(ctx, secured.s);
        await externalSucceeds(secured, alice, secured.domain);
      },
    },
    {
      id: "rfc6120/6.4.5/s2s-no-certificate-dialback-or-policy",
      title:
        "a peer that presented no certificate is offered dialback, or the stream is closed with <policy-violation/> rather than left to time out",
      requirements: ["RFC6120-6.4.5-6"],
      needs: ["s2s"],
      async run(ctx) {
        const s = await ctx.setUp("open a server-to-server stream to the target", () =>
          ctx.federation.dial(),
        );
        ctx.require(!!s.features?.getChild("starttls", NS.tls), "the target offers no STARTTLS");
        try {
          await starttlsWithout(s);
        } catch (err) {
          if (!(err instanceof StreamClosed)) throw err;
          ctx.should(
            err.condition === "policy-violation",
            `closed with <${err.condition ?? "no error"}/>, not <policy-violation/>`,
          );
          return;
        }
        if (dialbackOffered(s)) return; // weak identity verification (XEP-0220) on offer
        const condition = await s.expectStreamError(3000).catch(() => undefined);
        ctx.should(
          condition === "policy-violation",
          condition === undefined
            ? "neither dialback nor SASL was offered and the stream was left open"
            : `closed with <${condition}/>, not <policy-violation/>`,
        );
      },
    },
    ...REFUSED.map(refusedCase),
  ],
  { generated: true },
);
