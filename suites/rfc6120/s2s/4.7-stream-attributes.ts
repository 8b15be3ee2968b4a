// RFC 6120 §4.7 on server-to-server streams: the attributes of the headers the target sends as initiating
// server (to a domain the harness plays) and as receiving server (answering the harness's streams).
import { Violation } from "../../../harness/errors.ts";
import {
  type CaseSpec,
  type Element,
  expectStreamError,
  isDomainOnly,
  s2sInHeaders,
  s2sOut,
  section,
  uid,
} from "../../kit/index.ts";

/** One rule for the initial headers the target sends (`secure`: TLS was in place when it came). */
interface InitialRule {
  slug: string;
  title: string;
  requirements: string[];
  /** What is wrong with this header (undefined: nothing); `should` rows WARN instead of FAIL. */
  problem(h: Element, o: { secure: boolean; domain: string; own: string }): string | undefined;
  should?: boolean;
}

const INITIAL: InitialRule[] = [
  {
    slug: "to",
    title: "the target's initial s2s headers carry 'to' = the domain it connects to",
    // §4.7.2: "the initiating entity MUST include the 'to' attribute and MUST set its value to a domainpart
    // that the initiating entity knows or expects the receiving entity to service"
    requirements: ["RFC6120-4.7.2-1", "RFC6120-15-37"],
    problem: (h, o) =>
      h.attrs.to === o.domain ? undefined : `'to' is '${h.attrs.to ?? "(absent)"}', not '${o.domain}'`,
  },
  {
    slug: "from",
    title: "the target's initial s2s headers under TLS carry 'from' = its own domain",
    // §4.7.1: a server "MUST include the 'from' attribute after the confidentiality and integrity of the
    // stream are protected via TLS"; before TLS it may leave it out.
    requirements: ["RFC6120-4.7.1-2", "RFC6120-15-35"],
    problem: (h, o) => {
      if (!o.secure) return undefined; // before TLS the sentence asks nothing
      return h.attrs.from === o.own ? undefined : `'from' is '${h.attrs.from ?? "(absent)"}', not '${o.own}'`;
    },
  },
  {
    slug: "version",
    title: "the target's initial s2s headers say version='1.0' (or higher): it negotiates RFC 6120 features",
    // §4.7.5: "MUST set the value of the 'version' attribute ... to the highest version number it supports";
    // a server that then negotiates STARTTLS supports 1.0 at least.
    requirements: ["RFC6120-4.7.5-4"],
    problem: (h) => {
      const v = /^0*(\d+)\.\d+$/.exec(h.attrs.version ?? "");
      return v && Number(v[1]) >= 1 ? undefined : `'version' is '${h.attrs.version ?? "(absent: 0.9)"}'`;
    },
  },
  {
    slug: "lang",
    title: "the target's initial s2s headers carry 'xml:lang'",
    requirements: ["RFC6120-4.7.4-2", "RFC6120-15-36"],
    problem: (h) => (h.attrs["xml:lang"] ? undefined : "no 'xml:lang'"),
    should: true,
  },
];

function initialCase(rule: InitialRule): CaseSpec {
  return {
    id: `rfc6120/4.7/s2s-outbound-header-${rule.slug}`,
    title: rule.title,
    requirements: rule.requirements,
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const out = await s2sOut(ctx, alice);
      const own = alice.bare.split("@")[1] ?? "";
      let judged = 0;
      const judge = () => {
        for (const [i, { header, secure }] of out.ps.headers.entries()) {
          if (i < judged) continue;
          judged = i + 1;
          const problem = rule.problem(header, { secure, domain: out.domain, own });
          const msg = `initial header #${i + 1}${secure ? " (under TLS)" : ""}: ${problem}`;
          if (problem && rule.should) ctx.should(false, msg);
          else if (problem) throw new Violation(msg);
        }
      };
      judge(); // the first header may already be wrong, whatever becomes of the stream
      // the headers after TLS and SASL come on the way to the message (or until the stream ends)
      await Promise.race([out.arrived, out.ended]).catch(() => {});
      judge();
      if (rule.slug === "from" && !out.ps.headers.some((h) => h.secure))
        ctx.skip("no initial header came under TLS, so none was due a 'from'");
    },
  };
}

const inbound: CaseSpec[] = [
  {
    id: "rfc6120/4.7.2/s2s-response-header-to",
    title:
      "the target's s2s response headers carry 'to' = the 'from' of the harness's header, at every restart",
    requirements: ["RFC6120-4.7.2-4"],
    needs: ["s2s"],
    async run(ctx) {
      const { domain, headers } = await s2sInHeaders(ctx);
      for (const { step, header } of headers)
        if (header.attrs.to !== domain)
          throw new Violation(`${step}: 'to' is '${header.attrs.to ?? "(absent)"}', not '${domain}'`);
    },
  },
  {
    id: "rfc6120/4.7.1/s2s-response-header-from",
    title: "the target's s2s response headers carry 'from' = one of its FQDNs, at every restart",
    // §4.7.1: "MUST include the 'from' attribute and MUST set its value to one of the receiving entity's
    // FQDNs (which MAY be an FQDN other than that specified in the 'to' attribute ...)": any bare domain.
    requirements: ["RFC6120-4.7.1-3"],
    needs: ["s2s"],
    async run(ctx) {
      const { headers } = await s2sInHeaders(ctx);
      for (const { step, header } of headers)
        if (!isDomainOnly(header.attrs.from))
          throw new Violation(`${step}: 'from' is '${header.attrs.from ?? "(absent)"}', not a domain`);
    },
  },
  {
    id: "rfc6120/4.7.1/s2s-initial-header-without-from",
    title: "an initial s2s header without 'from' (an RFC 3920 peer) is answered with features, not an error",
    // §4.7.1 Interoperability Note: "an entity SHOULD be liberal in accepting such stream headers"; only the
    // first header (before TLS), which even RFC 6120 lets go without 'from'.
    requirements: ["RFC6120-4.7.1-5"],
    needs: ["s2s"],
    async run(ctx) {
      const s = await ctx.federation.dial({ header: { from: null }, open: false });
      await s.openStream();
      const answer = await s.expect(() => true).catch(() => undefined);
      const refused = s.streamError ?? (answer?.is("features") ? undefined : answer);
      ctx.should(!refused, `a header without 'from' was answered with ${refused?.toString() ?? "a close"}`);
    },
  },
  {
    id: "rfc6120/4.9.1.1/s2s-header-unknown-to",
    title: "an initial s2s header whose 'to' the target does not serve closes the stream (<host-unknown/>)",
    requirements: ["RFC6120-4.9.1.1-1"],
    needs: ["s2s"],
    async run(ctx) {
      const s = await ctx.federation.dial({ header: { to: `unserved-${uid()}.example` }, open: false });
      await s.openStream();
      await expectStreamError(ctx, s, ["RFC6120-4.9.3.6"]);
    },
  },
];

export default section("rfc6120", "4.7", "Stream Attributes (server-to-server)", [
  ...INITIAL.map(initialCase),
  ...inbound,
]);
