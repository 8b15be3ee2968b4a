// What the XEP-0313 cases judge in an archive's results: which result is the copy of a message sent, and
// whether that copy is the message as stored (§3: the <body/> and the standard attributes MUST be kept;
// the whole stanza SHOULD be).
import { Violation } from "../../harness/errors.ts";
import { bareOf } from "../../harness/match.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import { bodyOf, type MamResult } from "./mam.ts";
import type { Sent } from "./mam-archive.ts";
import { clip, type Element } from "./stanzas.ts";

const CONTENT = new Set([undefined, "jabber:client", "jabber:server"]);

/** The results that are copies of `sent`: the same 'id' attribute, or the same body. */
export function copiesOf(results: MamResult[], sent: Sent): MamResult[] {
  return results.filter((r) => r.message.attrs.id === sent.id || bodyOf(r) === sent.body);
}

/** The copy of `sent` among the results, if any. */
export function archivedCopy(results: MamResult[], sent: Sent): MamResult | undefined {
  return copiesOf(results, sent)[0];
}

/**
 * The archived copy of a message `sender` sent is that message (§3): the same body and 'to', 'type', 'id'
 * (MUST), 'from' the sender (full or bare JID); its other children SHOULD be there too.
 */
export function assertStoredAsSent(ctx: CaseContext, got: MamResult, sent: Element, sender: string): void {
  const m = got.message;
  const body = sent.getChild("body")?.getText();
  if (m.getChild("body")?.getText() !== body)
    throw new Violation(`the archived message's body is not the one sent ('${body ?? ""}'): ${clip(m)}`);
  // RFC 6121 §5.2.2: no 'type' is 'normal'
  const typeOf = (el: Element) => el.attrs.type ?? "normal";
  if (typeOf(m) !== typeOf(sent))
    throw new Violation(
      `the archived message's type is '${typeOf(m)}', not the '${typeOf(sent)}' sent: ${clip(m)}`,
    );
  for (const attr of ["to", "id"]) {
    if (m.attrs[attr] !== sent.attrs[attr])
      throw new Violation(
        `the archived message's '${attr}' is '${m.attrs[attr] ?? "(none)"}', not the '${sent.attrs[attr] ?? ""}' sent: ${clip(m)}`,
      );
  }
  if (bareOf(m.attrs.from) !== bareOf(sender))
    throw new Violation(
      `the archived message's 'from' is '${m.attrs.from ?? "(none)"}', not ${sender}: ${clip(m)}`,
    );
  for (const child of sent.getChildElements()) {
    if (CONTENT.has(child.getNS())) continue;
    ctx.should(
      m.getChild(child.getName(), child.getNS()) !== undefined,
      `the archived message lacks the <${child.getName()} xmlns='${child.getNS() ?? ""}'/> sent with it (§3: the entire stanza SHOULD be stored)`,
    );
  }
}
