// XEP-0388 Extensible SASL Profile (SASL2) from the client's side, with the inline requests the suites use:
// XEP-0198 resumption (§9.2) and XEP-0386 Bind 2. The mechanism messages are harness/sasl's; unlike RFC 6120
// SASL there is no stream restart: what follows <success/> is left to the caller.
import { HarnessError, SaslFailure, Violation } from "../errors.ts";
import { type Jid, parseJid } from "../jid.ts";
import { createClient, decodeBase64Strict, encodeBase64, type MechanismName } from "../sasl/index.ts";
import type { Session } from "../session.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import { MECHANISM_ORDER } from "./negotiate.ts";
import type { Credentials } from "./options.ts";
import { NS_SM } from "./sm.ts";

export const NS_SASL2 = "urn:xmpp:sasl:2";
export const NS_BIND2 = "urn:xmpp:bind:0";

/** The <authentication/> stream feature: its mechanisms and what it lets a client inline. */
export interface Sasl2Offer {
  mechanisms: string[];
  inline: Element[];
}

export function sasl2Offer(features: Element | undefined): Sasl2Offer | undefined {
  const el = features?.getChild("authentication", NS_SASL2);
  if (!el) return undefined;
  return {
    mechanisms: el.getChildren("mechanism").map((m) => m.getText().trim()),
    inline: el.getChild("inline")?.getChildElements() ?? [],
  };
}

/** Does the offer let the client inline the feature `name` in `ns`? */
export function inlines(offer: Sasl2Offer, name: string, ns: string): boolean {
  return offer.inline.some((el) => el.name === name && el.getNS() === ns);
}

/** What the client inlines in <authenticate/>. */
export interface Sasl2Request {
  /** XEP-0198 §9.2: <resume previd h/>. */
  resume?: { previd: string; h: number };
  /** XEP-0386: <bind/>, with a <tag/> when given. */
  bind?: { tag?: string };
}

/** A successful SASL2 authentication: <success/> and the parts the suites read. */
export interface Sasl2Success {
  success: Element;
  /** The <authorization-identifier/> text (XEP-0388: a full JID once a resource is bound). */
  identifier: string | undefined;
  /** The inline resumption's answer in <success/>: <resumed/> or <failed/>. */
  resumption: Element | undefined;
  /** XEP-0386 <bound/>, when a resource was bound inline. */
  bound: Element | undefined;
}

function authenticateElement(mech: string, initial: Buffer, req: Sasl2Request): Element {
  const { resume, bind } = req;
  return xml(
    "authenticate",
    { xmlns: NS_SASL2, mechanism: mech },
    xml("initial-response", {}, encodeBase64(initial)),
    resume ? xml("resume", { xmlns: NS_SM, previd: resume.previd, h: String(resume.h) }) : null,
    bind ? xml("bind", { xmlns: NS_BIND2 }, bind.tag ? xml("tag", {}, bind.tag) : null) : null,
  );
}

/** Base64 content of a SASL2 message (or of its `child`), decoded. */
function payload(el: Element, child?: string): Buffer | null {
  const text = (child ? el.getChild(child)?.getText() : el.getText())?.trim() ?? "";
  if (text === "") return null;
  const data = decodeBase64Strict(text);
  if (!data) throw new Violation(`the target sent bad base64 in SASL2 <${child ?? el.name}/>`);
  return data;
}

/** The full JID <authorization-identifier/> names once a resource is bound. */
function fullJid(text: string): Jid {
  try {
    return parseJid(text);
  } catch (err) {
    throw new Violation(`<authorization-identifier/> '${text}' is no valid JID: ${(err as Error).message}`);
  }
}

/**
 * SASL2 authentication with the inline requests of `req`. Throws SaslFailure on <failure/>. The stream goes
 * on without a restart; reading the features that follow (or proving none came) is the caller's.
 */
export async function authenticate2(
  s: Session,
  creds: Credentials,
  req: Sasl2Request = {},
  mechanism?: MechanismName,
): Promise<Sasl2Success> {
  const offered = sasl2Offer(s.features)?.mechanisms ?? [];
  const mech = mechanism ?? MECHANISM_ORDER.find((m) => offered.includes(m));
  if (!mech) throw new HarnessError(`no usable SASL2 mechanism offered (offered: ${offered.join(", ")})`);
  s.opts.transcript.secret(creds.password);
  const client = createClient(mech, creds);
  await s.send(authenticateElement(mech, client.initial(), req), { redact: true });
  for (;;) {
    const el = await s.expect((e) => e.getNS() === NS_SASL2 && e.name !== "authentication");
    if (el.name === "challenge") {
      const challenge = payload(el) ?? Buffer.alloc(0);
      await client.prepare?.(challenge);
      const response = client.challenge(challenge);
      await s.send(xml("response", { xmlns: NS_SASL2 }, encodeBase64(response)), { redact: true });
    } else if (el.name === "success") {
      try {
        client.success(payload(el, "additional-data"));
      } catch (err) {
        throw new Violation(`SASL2 success could not be verified: ${(err as Error).message}`);
      }
      s.authenticatedAs = `${creds.username}@${s.opts.domain}`;
      const identifier = el.getChildText("authorization-identifier")?.trim();
      if (identifier?.includes("/")) s.jid = fullJid(identifier);
      const resumption = el.getChildElements().find((c) => c.getNS() === NS_SM);
      return { success: el, identifier, resumption, bound: el.getChild("bound", NS_BIND2) };
    } else if (el.name === "failure") {
      const cond = el.getChildElements().find((c) => c.getNS() === NS.sasl && c.name !== "text");
      throw new SaslFailure(cond?.name, el.getChildText("text") ?? undefined);
    } else {
      throw new Violation(`unexpected SASL2 <${el.name}/> during authentication`);
    }
  }
}
