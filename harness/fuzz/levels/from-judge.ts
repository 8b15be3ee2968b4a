// A chat message to bob with a 'from' the client set (RFC 6120 §8.1.2.1): the server stamps the
// sender's full JID over it and delivers it, or ends the stream with <invalid-from/> (§4.9.3.9; the
// case then never gets here). A 'from' that is no JID at all may also be refused with <jid-malformed/>
// (§8.3.3.8: any entity that detects a malformed JID MAY return it). Anything else breaks §8.1.2.1.
import { tryParseJid } from "../../jid.ts";
import { stanzaError } from "../../match.ts";
import type { Session } from "../../session.ts";
import type { Element } from "../../xml/element.ts";
import { clip } from "../oracles.ts";
import { OracleFailure } from "../types.ts";

export function judgeClaimedFrom(
  claimed: string,
  tag: string,
  atAlice: Element[],
  atBob: Element[],
  alice: Session,
): void {
  const self = alice.jid;
  if (!self) return;
  const message = atBob.find((el) => el.name === "message");
  const other = atBob.find((el) => el !== message);
  // a server that believed the claim sends the ping's answer to whoever it names
  if (other)
    throw new OracleFailure(
      "no-leak",
      `bob received ${clip(other)} after a ping claiming from='${claimed}'`,
      "RFC6120-8.1.2.1-1",
    );
  if (message) {
    if (message.attrs.from !== self.toString())
      throw new OracleFailure(
        "from-stamp",
        `bob received from '${message.attrs.from ?? ""}' (sender ${self}, claimed '${claimed}'): ${clip(message)}`,
      );
    return;
  }
  const refusal = atAlice.find((el) => el.attrs.id === `${tag}m` && el.attrs.type === "error");
  const malformed = !tryParseJid(claimed);
  if (refusal && malformed && stanzaError(refusal)?.conditions.includes("jid-malformed")) return;
  throw new OracleFailure(
    "from-stamp",
    `a chat message to bob claiming from='${claimed}' was neither delivered with the sender's 'from' nor refused with <invalid-from/>${refusal ? `: ${clip(refusal)}` : ""}`,
  );
}
