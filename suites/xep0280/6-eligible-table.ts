// XEP-0280 §6.1's eligibility rules as data: which messages a carbons-enabled resource gets a copy of.
// The rules are RECOMMENDED, and REQUIRED where the server advertises urn:xmpp:carbons:rules:0 (§6.2).
import { type Element, xml } from "../kit/index.ts";

export interface EligibilityRow {
  slug: string;
  title: string;
  /** The §6 / §6.1 rows beside XEP0280-6.2-1. */
  rows: string[];
  /** in: the contact sends it to one resource of the user; out: that resource sends it to the contact. */
  direction: "in" | "out";
  /** Should a carbon be made? */
  copied: boolean;
  /** The message (its 'to' and 'id' are filled in). */
  message(to: string, id: string): Element;
  /** An eligible message of the user the contact answers (only the error row). */
  answers?: boolean;
  /** MUC-related only by its muc#user <x/> (reading I-XEP0280-muc-related): never a FAIL. */
  mucRelated?: boolean;
}

const CHATSTATES = "http://jabber.org/protocol/chatstates";
const MUC_USER = "http://jabber.org/protocol/muc#user";

const msg =
  (type: string | undefined, ...children: Element[]) =>
  (to: string, id: string) =>
    xml("message", { to, id, ...(type ? { type } : {}) }, ...children);
const body = (text: string) => xml("body", {}, text);

export const ELIGIBILITY: EligibilityRow[] = [
  {
    slug: "chat",
    title: "a chat message",
    rows: ["XEP0280-6-2"],
    direction: "in",
    copied: true,
    message: msg("chat", body("chat")),
  },
  {
    slug: "normal-body",
    title: "a normal message with a <body/>",
    rows: ["XEP0280-6-2"],
    direction: "in",
    copied: true,
    message: msg("normal", body("normal")),
  },
  {
    slug: "untyped-body",
    title: "a message without 'type' (normal) with a <body/>",
    rows: ["XEP0280-6-2"],
    direction: "in",
    copied: true,
    message: msg(undefined, body("untyped")),
  },
  {
    slug: "chat-state",
    title: "a normal message holding only a chat state notification (XEP-0085)",
    rows: ["XEP0280-6-2"],
    direction: "in",
    copied: true,
    message: msg("normal", xml("composing", { xmlns: CHATSTATES })),
  },
  {
    slug: "receipt",
    title: "a normal message holding only a delivery receipt (XEP-0184)",
    rows: ["XEP0280-6-2"],
    direction: "in",
    copied: true,
    message: msg("normal", xml("received", { xmlns: "urn:xmpp:receipts", id: "some-message" })),
  },
  {
    slug: "chat-marker",
    title: "a normal message holding only a chat marker (XEP-0333)",
    rows: ["XEP0280-6-2"],
    direction: "out",
    copied: true,
    message: msg("normal", xml("displayed", { xmlns: "urn:xmpp:chat-markers:0", id: "some-message" })),
  },
  {
    slug: "direct-invitation",
    title: "a direct MUC invitation (XEP-0249) without a body",
    rows: ["XEP0280-6.1-2"],
    direction: "in",
    copied: true,
    message: msg("normal", xml("x", { xmlns: "jabber:x:conference", jid: "room@conference.example" })),
  },
  {
    slug: "mediated-invitation",
    mucRelated: true,
    title: "a mediated MUC invitation (XEP-0045 §7.8.2) without a body",
    rows: ["XEP0280-6.1-3"],
    direction: "in",
    copied: true,
    message: msg("normal", xml("x", { xmlns: MUC_USER }, xml("invite", { from: "carol@example.org" }))),
  },
  {
    slug: "muc-pm-out",
    title: "a private message to a MUC participant (a full JID, with the muc#user <x/>)",
    rows: ["XEP0280-6.1-4"],
    direction: "out",
    copied: true,
    message: msg("chat", body("pm"), xml("x", { xmlns: MUC_USER })),
  },
  {
    slug: "error-reply",
    title: "an error message answering an eligible message of the user",
    rows: ["XEP0280-6-2"],
    direction: "in",
    copied: true,
    answers: true,
    message: (to, id) =>
      xml(
        "message",
        { to, id, type: "error" },
        xml(
          "error",
          { type: "cancel" },
          xml("service-unavailable", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }),
        ),
      ),
  },
  {
    slug: "groupchat",
    title: "a groupchat message",
    rows: ["XEP0280-6.1-1"],
    direction: "in",
    copied: false,
    message: msg("groupchat", body("groupchat")),
  },
  {
    slug: "muc-pm-in",
    mucRelated: true,
    title: "a private message from a MUC participant (from a full JID, with the muc#user <x/>)",
    rows: ["XEP0280-6.1-7"],
    direction: "in",
    copied: false,
    message: msg("chat", body("pm"), xml("x", { xmlns: MUC_USER })),
  },
  {
    slug: "headline",
    title: "a headline message",
    rows: ["XEP0280-6-1"],
    direction: "in",
    copied: false,
    message: msg("headline", body("news")),
  },
  {
    slug: "normal-no-im",
    title: "a normal message with neither a body nor an IM payload",
    rows: ["XEP0280-6-1"],
    direction: "in",
    copied: false,
    message: msg("normal", xml("data", { xmlns: "urn:example:not-im" })),
  },
];
