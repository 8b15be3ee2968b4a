// RFC 6121 §4.7: presence syntax the server relies on (<show/>, <priority/>, <status/>, 'type'). A broken
// initial presence may be refused with an error, or accepted with the bad part corrected or dropped; what
// the server must not do is broadcast it as it came (its own echo, RFC 6121 §4.2.2, shows what it
// broadcasts). One scenario; each row is data, its id's section that of the sentence it breaks.

import { conditionsOf } from "../../harness/error-conditions.ts";
import { Violation } from "../../harness/errors.ts";
import { matches } from "../../harness/match.ts";
import {
  assertStanzaError,
  clip,
  type Element,
  markerBarrier,
  presence,
  presenceFromFull,
  type Row,
  section,
  tableCases,
  xml,
} from "../kit/index.ts";

const SHOWS = ["away", "chat", "dnd", "xa"];

/** What is wrong with a presence the server broadcast, if anything (RFC 6121 §4.7.2.1-§4.7.2.3). */
function syntaxFault(el: Element): string | undefined {
  const shows = el.getChildren("show");
  const prios = el.getChildren("priority");
  if (shows.length > 1) return "more than one <show/>";
  if (prios.length > 1) return "more than one <priority/>";
  for (const x of [...shows, ...prios, ...el.getChildren("status")])
    if (x.getChildElements().length > 0) return `mixed content in <${x.name}/>`;
  if (shows.length === 1 && !SHOWS.includes(shows[0].getText())) return `<show/> '${shows[0].getText()}'`;
  if (prios.length === 1) {
    const t = prios[0].getText().trim();
    const n = Number(t);
    if (!/^[+-]?\d+$/.test(t) || n < -128 || n > 127) return `<priority/> '${t}'`;
  }
  return undefined;
}

/** A broken initial presence: its children, and the requirement it breaks (whose section its id takes). */
interface SyntaxRow extends Row {
  slug: string;
  children: () => Element[];
}

function bad(requirement: string, slug: string, what: string, children: () => Element[]): SyntaxRow {
  return {
    id: `rfc6121/${requirement.split("-")[1]}/${slug}`,
    title: `presence with ${what} is refused or corrected, never broadcast as sent`,
    requirements: [requirement],
    slug,
    children,
  };
}

const prio = (...values: string[]) => values.map((v) => xml("priority", {}, v));
const show = (...values: string[]) => values.map((v) => xml("show", {}, v));

const syntaxCases = tableCases(
  [
    bad("RFC6121-4.7.2.3-2", "priority-too-high", "a <priority/> above 127", () => prio("128")),
    bad("RFC6121-4.7.2.3-2", "priority-too-low", "a <priority/> below -128", () => prio("-129")),
    bad("RFC6121-4.7.2.3-2", "priority-not-integer", "a non-integer <priority/>", () => prio("high")),
    bad("RFC6121-4.7.2.3-3", "two-priorities", "two <priority/> elements", () => prio("1", "2")),
    bad("RFC6121-4.7.2.3-4", "priority-mixed-content", "a <priority/> with mixed content", () => [
      xml("priority", {}, "1", xml("b")),
    ]),
    bad("RFC6121-4.7.2.1-2", "two-shows", "two <show/> elements", () => show("away", "dnd")),
    bad("RFC6121-4.7.2.1-3", "show-mixed-content", "a <show/> with mixed content", () => [
      xml("show", {}, "away", xml("b")),
    ]),
    bad("RFC6121-4.7.2.2-2", "status-mixed-content", "a <status/> with mixed content", () => [
      xml("status", {}, "out ", xml("b", {}, "now")),
    ]),
    bad("RFC6121-4.7.2.1-4", "show-unknown-value", "a <show/> value not in the list", () => show("busy")),
  ],
  {
    users: ["alice"],
    async run({ slug, children }, ctx, { alice }) {
      // the row breaks a rule that binds the sender: refused, relayed or corrected, never graded as routed
      ctx.allowAltered(
        `bad-${slug}`,
        "the sender breaks RFC 6121 §4.7.2; the server may refuse or correct it",
      );
      await alice.send(xml("presence", { id: `bad-${slug}` }, ...children()));
      const back = await alice.barrier();
      const err = back.find((el) => el.name === "presence" && el.attrs.type === "error");
      if (err) {
        assertStanzaError(err, ["bad-request", "not-acceptable", "jid-malformed", "policy-violation"]);
        return;
      }
      const echo = back.find((el) => matches(el, presenceFromFull(alice.full)));
      const wrong = echo && syntaxFault(echo);
      if (wrong) throw new Violation(`the server broadcast presence with ${wrong}: ${clip(echo)}`);
    },
  },
);

export default section("rfc6121", "4.7", "Presence Syntax", [
  ...syntaxCases,
  {
    id: "rfc6121/4.7.1/unknown-presence-type",
    title: "presence with an unknown 'type' is answered with <bad-request/>, not relayed",
    requirements: ["RFC6121-4.7.1-4", "RFC6121-4.7.1-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await alice.send(presence({ to: bob.full, type: "sleeping", id: "bogus-type" }));
      await markerBarrier(alice, bob);
      const relayed = bob.inbox.find((el) => el.name === "presence" && el.attrs.id === "bogus-type");
      ctx.should(!relayed, `presence of unknown type was relayed: ${relayed && clip(relayed)}`);
      const back = await alice.barrier();
      const err = back.find((el) => el.name === "presence" && el.attrs.id === "bogus-type");
      if (!err) {
        ctx.should(false, "presence of unknown type should get a <bad-request/> error");
        return;
      }
      const cond = assertStanzaError(err, conditionsOf("stanza"));
      ctx.should(cond === "bad-request", `the error should be <bad-request/>, got <${cond}/>`);
    },
  },
]);
