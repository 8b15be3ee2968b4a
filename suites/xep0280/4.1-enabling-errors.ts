// XEP-0280 §4.1 (and §5.1, whose case 5.1-disabling-errors.ts builds here): carbons are for the server's own clients; an <enable/> or <disable/> from an
// entity of another server (here the harness, over an authenticated server-to-server stream) should be
// refused with <not-allowed/>. Its answer comes back over the stream the harness opened or over one the
// target opens to the harness's domain.
import {
  type CaseSpec,
  carbonsRequest,
  type Element,
  fromRemote,
  requireCarbons,
  s2sIn,
  section,
  uid,
} from "../kit/index.ts";

/** The case for a remote user's <enable/> (§4.1) or <disable/> (§5.1). */
export function remoteCase(what: "enable" | "disable"): CaseSpec {
  const sec = what === "enable" ? "4.1" : "5.1";
  return {
    id: `xep0280/${sec}/remote-${what}-not-allowed`,
    title: `a carbons <${what}/> from a user of another server is refused with <not-allowed/>`,
    requirements: [what === "enable" ? "XEP0280-4.1-1" : "XEP0280-5.1-1"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireCarbons(ctx, alice);
      const inbound = await s2sIn(ctx);
      const id = `remote-${what}-${uid()}`;
      const request = fromRemote(inbound, carbonsRequest(what), "r");
      request.attrs.to = ctx.domain;
      request.attrs.id = id;
      const mine = (el: Element) => el.name === "iq" && el.attrs.id === id;
      const viaListener = ctx.federation.listener.expect(inbound.domain, mine);
      const viaInbound = inbound.s.expect(mine);
      for (const p of [viaListener, viaInbound]) p.catch(() => {});
      await inbound.s.send(request);
      const reply = await Promise.any([viaListener, viaInbound]).catch(() => undefined);
      if (!reply) {
        ctx.should(false, `no answer to the <${what}/> from ${request.attrs.from ?? ""}`);
        return;
      }
      const condition =
        reply.attrs.type === "error" ? reply.getChild("error")?.getChildElements()[0]?.name : undefined;
      ctx.should(
        condition === "not-allowed",
        `the <${what}/> of a user of another server got ${condition ? `<${condition}/>` : `type '${reply.attrs.type ?? ""}'`}, not <not-allowed/>`,
      );
    },
  };
}

export default section("xep0280", "4.1", "Recommended Error Conditions", [remoteCase("enable")]);
