// RFC 6120 §7.4: the <bind/> feature is offered only after authentication, on every transport.
import { DIRECT_TLS, MAIN, NS, openForSasl, section, transportCases, WEBSOCKET } from "../kit/index.ts";

export default section("rfc6120", "7.4", "Advertising Support", [
  ...transportCases(
    [
      { id: "rfc6120/7.4/no-bind-before-auth", via: MAIN },
      { id: "rfc6120/7.4/no-bind-before-auth-direct-tls", via: DIRECT_TLS },
      { id: "rfc6120/7.4/no-bind-before-auth-websocket", via: WEBSOCKET },
    ],
    {
      title: (via) =>
        `${via.kind === "main" ? "the" : `over ${via.label} the`} <bind/> feature is not offered before authentication`,
      requirements: ["RFC6120-7.4-2"],
      async run(ctx, via) {
        const s = await openForSasl(ctx, via.kind);
        ctx.expect(s.features.getChild("bind", NS.bind), "<bind/> before SASL").to.equal(undefined);
      },
    },
  ),
]);
