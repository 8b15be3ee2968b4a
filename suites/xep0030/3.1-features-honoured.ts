// XEP-0030 §3.1: a <feature/> names "a protocol namespace or other feature offered by the entity". So a
// feature the server lists that one IQ can exercise is exercised: the probe may be refused for its own
// reasons (bad-request, not-allowed, item-not-found ...), but not as unknown to the server
// (<service-unavailable/> or <feature-not-implemented/>, RFC 6120 §8.3.3). Unlisted features SKIP.
import { Violation } from "../../harness/errors.ts";
import {
  type Client,
  type Element,
  nextId,
  type Row,
  requireAccountFeature,
  requireServerFeature,
  section,
  stanzaErrorCondition,
  tableCases,
  xml,
} from "../kit/index.ts";

interface ProbeRow extends Row {
  feature: string;
  /** Where the feature is listed and probed: the server's domain or the client's own account. */
  at: "server" | "account";
  probe(to: string): Element;
}

const get = (to: string, payload: Element) => xml("iq", { type: "get", to, id: nextId("probe") }, payload);
const set = (to: string, payload: Element) => xml("iq", { type: "set", to, id: nextId("probe") }, payload);
const REQS = ["XEP0030-3.1-9", "XEP0030-3.1-4"];

const PROBES: [slug: string, feature: string, at: ProbeRow["at"], probe: ProbeRow["probe"]][] = [
  ["ping", "urn:xmpp:ping", "server", (to) => get(to, xml("ping", { xmlns: "urn:xmpp:ping" }))],
  ["version", "jabber:iq:version", "server", (to) => get(to, xml("query", { xmlns: "jabber:iq:version" }))],
  ["time", "urn:xmpp:time", "server", (to) => get(to, xml("time", { xmlns: "urn:xmpp:time" }))],
  ["last", "jabber:iq:last", "server", (to) => get(to, xml("query", { xmlns: "jabber:iq:last" }))],
  [
    "register",
    "jabber:iq:register",
    "server",
    (to) => get(to, xml("query", { xmlns: "jabber:iq:register" })),
  ],
  ["roster", "jabber:iq:roster", "server", () => get("", xml("query", { xmlns: "jabber:iq:roster" }))],
  [
    "disco-items",
    "http://jabber.org/protocol/disco#items",
    "server",
    (to) => get(to, xml("query", { xmlns: "http://jabber.org/protocol/disco#items" })),
  ],
  ["vcard", "vcard-temp", "server", () => get("", xml("vCard", { xmlns: "vcard-temp" }))],
  [
    "blocking",
    "urn:xmpp:blocking",
    "server",
    () => get("", xml("blocklist", { xmlns: "urn:xmpp:blocking" })),
  ],
  ["carbons", "urn:xmpp:carbons:2", "server", () => set("", xml("enable", { xmlns: "urn:xmpp:carbons:2" }))],
  ["privacy", "jabber:iq:privacy", "server", () => get("", xml("query", { xmlns: "jabber:iq:privacy" }))],
  [
    "private",
    "jabber:iq:private",
    "server",
    () => get("", xml("query", { xmlns: "jabber:iq:private" }, xml("x", { xmlns: "urn:xmppspec:private" }))),
  ],
  [
    "mam",
    "urn:xmpp:mam:2",
    "account",
    (to) =>
      set(
        to,
        xml(
          "query",
          { xmlns: "urn:xmpp:mam:2" },
          xml("set", { xmlns: "http://jabber.org/protocol/rsm" }, xml("max", {}, "0")),
        ),
      ),
  ],
  [
    "pep",
    "http://jabber.org/protocol/pubsub#publish",
    "account",
    (to) =>
      get(
        to,
        xml(
          "pubsub",
          { xmlns: "http://jabber.org/protocol/pubsub" },
          xml("items", { node: "urn:xmppspec:probe" }),
        ),
      ),
  ],
];

const ROWS: ProbeRow[] = PROBES.map(([slug, feature, at, probe]) => ({
  id: `xep0030/3.1/feature-${slug}-honoured`,
  title: `a listed ${feature} feature is honoured: a ${feature} request is not refused as unknown`,
  requirements: REQS,
  feature,
  at,
  probe,
}));

/** Without a 'to' the client's own account answers (RFC 6120 §10.3.3): the probes for per-user services. */
function withoutEmptyTo(iq: Element): Element {
  if (iq.attrs.to === "") delete iq.attrs.to;
  return iq;
}

export default section(
  "xep0030",
  "3.1",
  "Basic Protocol (listed features are offered)",
  tableCases(ROWS, {
    users: ["alice"],
    async run(row, ctx, { alice }) {
      const c = alice as Client;
      if (row.at === "server") await requireServerFeature(ctx, c, row.feature, `the server's ${row.feature}`);
      else await requireAccountFeature(ctx, c, row.feature, `the account's ${row.feature}`);
      const to = row.at === "server" ? ctx.domain : c.bare;
      const reply = await c.iq(withoutEmptyTo(row.probe(to)));
      const condition = stanzaErrorCondition(reply);
      if (condition === "service-unavailable" || condition === "feature-not-implemented")
        throw new Violation(
          `${to} lists ${row.feature} but refused a ${row.feature} request with <${condition}/>`,
        );
    },
  }),
);
