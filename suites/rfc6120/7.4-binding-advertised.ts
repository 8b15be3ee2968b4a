// RFC 6120 §7.4: the <bind/> feature is offered only after authentication, on every transport.
import {
  type CaseSpec,
  DIRECT_TLS,
  MAIN,
  NS,
  openForSasl,
  section,
  type TransportRow,
  WEBSOCKET,
} from "../kit/index.ts";

function noBindBeforeAuthCases(rows: { id: string; via: TransportRow }[]): CaseSpec[] {
  return rows.map(({ id, via }) => ({
    id,
    title: `${via.kind === "main" ? "the" : `over ${via.label} the`} <bind/> feature is not offered before authentication`,
    requirements: ["RFC6120-7.4-2"],
    needs: via.needs,
    async run(ctx) {
      const s = await openForSasl(ctx, via.kind);
      ctx.expect(s.features.getChild("bind", NS.bind), "<bind/> before SASL").to.equal(undefined);
    },
  }));
}

export default section("rfc6120", "7.4", "Advertising Support", [
  ...noBindBeforeAuthCases([
    { id: "rfc6120/7.4/no-bind-before-auth", via: MAIN },
    { id: "rfc6120/7.4/no-bind-before-auth-direct-tls", via: DIRECT_TLS },
    { id: "rfc6120/7.4/no-bind-before-auth-websocket", via: WEBSOCKET },
  ]),
]);
