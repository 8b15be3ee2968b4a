// XEP-0388 Extensible SASL Profile (SASL2) on a client stream of the reference server, with two inline
// features: XEP-0198 stream resumption (§9.2) and XEP-0386 Bind 2. The mechanism exchange itself is RFC 6120
// SASL's (./sasl-step.ts), re-wrapped; after <success/> the stream goes on without a restart.
import type { Jid } from "../jid.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import { boundJid } from "./address.ts";
import { randomResource } from "./bind.ts";
import type { ConnectionServer } from "./connection-server.ts";
import type { FaultName } from "./faults/index.ts";
import type { SaslNegotiation, SaslOutcome } from "./sasl-step.ts";
import { NS_SM, type SmEndpoint } from "./sm/endpoint.ts";
import type { StanzaGate } from "./stanza-gate.ts";

export const NS_SASL2 = "urn:xmpp:sasl:2";
export const NS_BIND2 = "urn:xmpp:bind:0";

/** The stream feature: the mechanisms, and what may be inlined (XEP-0198 §9.2, XEP-0386). */
export function sasl2Feature(mechanisms: readonly string[]): Element {
  return xml(
    "authentication",
    { xmlns: NS_SASL2 },
    mechanisms.map((m) => xml("mechanism", {}, m)),
    xml("inline", {}, xml("sm", { xmlns: NS_SM }), xml("bind", { xmlns: NS_BIND2 })),
  );
}

/** What SASL2 needs of its connection. */
export interface Sasl2Stream {
  /** The stream's SASL negotiation (created on first use). */
  negotiation(): SaslNegotiation;
  account(): Jid | undefined;
  /** The client authenticated as `bare`; the stream's account, or undefined when none. */
  authenticated(bare: string): Jid | undefined;
  sm: SmEndpoint;
  /** The stream's stanza gate: its bound session, and binding one inline. */
  gate: Pick<StanzaGate, "session" | "startSession">;
  server: Pick<ConnectionServer, "sessions" | "fault">;
  send(el: Element): void;
  /** The stream features of the authenticated stream. */
  sendFeatures(): void;
  streamError(condition: "policy-violation" | "not-authorized", text: string): void;
}

export class Sasl2Negotiation {
  /** The <authenticate/> whose inline requests are processed on success. */
  private request: Element | undefined;

  constructor(private readonly c: Sasl2Stream) {}

  private fault(name: FaultName): boolean {
    return this.c.server.fault(name);
  }

  /** A first-level element in the SASL2 namespace: false when it is none SASL2 takes from a client. */
  onElement(el: Element): boolean {
    if (this.c.account()) {
      // SASL2 is over once authenticated, as RFC 6120 SASL is (§4.9.3.12)
      this.c.streamError("not-authorized", "already authenticated");
      return true;
    }
    const sasl = this.c.negotiation();
    if (el.name === "authenticate") {
      this.request = el;
      const initial = el.getChild("initial-response")?.getText() ?? "";
      this.outcome(sasl.auth(xml("auth", { xmlns: NS.sasl, mechanism: el.attrs.mechanism }, initial)));
      return true;
    }
    if (el.name === "response") {
      this.outcome(sasl.response(xml("response", { xmlns: NS.sasl }, el.getText())));
      return true;
    }
    if (el.name === "abort") {
      this.outcome(sasl.abort());
      return true;
    }
    return false;
  }

  private outcome(o: SaslOutcome): void {
    if (o.kind === "close") {
      if (o.reply) this.c.send(this.rewrap(o.reply));
      this.c.streamError(o.condition, o.text);
      return;
    }
    if (o.kind === "continue") {
      // XEP-0388: the server MUST NOT process inline requests of a failed authentication
      if (o.reply.name === "failure") this.request = undefined;
      this.c.send(this.rewrap(o.reply));
      return;
    }
    const request = this.request;
    this.request = undefined;
    const account = this.c.authenticated(o.jid);
    if (!account || !request) return;
    const data = o.reply.getText().trim();
    this.succeed(request, account, data === "" || data === "=" ? undefined : data);
  }

  /** RFC 6120's <challenge/> or <failure/> in SASL2's namespace (conditions stay in RFC 6120's). */
  private rewrap(reply: Element): Element {
    if (reply.name !== "failure") return xml(reply.name, { xmlns: NS_SASL2 }, reply.getText() || null);
    const children = reply.getChildElements().map((c) => {
      const copy = xml(c.name, { ...c.attrs, ...(c.name === "text" ? {} : { xmlns: NS.sasl }) });
      copy.children = c.children;
      return copy;
    });
    return xml("failure", { xmlns: NS_SASL2 }, children);
  }

  /** <success/> with the inline results: <resume/> first (XEP-0198 §9.2), then <bind/> unless resumed. */
  private succeed(request: Element, account: Jid, data: string | undefined): void {
    const success = xml("success", { xmlns: NS_SASL2 }, data ? xml("additional-data", {}, data) : null);
    const identifier = xml("authorization-identifier", {}, account.toString());
    success.cnode(identifier);
    const resume = request.getChild("resume", NS_SM);
    const bind = request.getChild("bind", NS_BIND2);
    const bindNow = (again = false) => {
      if (!bind || (this.c.gate.session?.jid && !again)) return;
      const tag = bind.getChildText("tag")?.trim();
      // XEP-0386: the client's tag, a '/' and a server-generated part (RECOMMENDED format)
      let jid = this.freshJid(account, tag ? `${tag}/` : "");
      if (!jid) jid = this.freshJid(account, "");
      if (!jid) return;
      // (under sasl2-bind-after-resumed the resumed session stays the stream's: only the answer lies)
      if (!again) this.c.gate.startSession(jid);
      identifier.children = [jid.toString()];
      success.cnode(xml("bound", { xmlns: NS_BIND2 }));
    };
    if (this.fault("sasl2-bind-before-resume")) bindNow();
    if (!resume) {
      bindNow();
      this.finish(success, false);
      return;
    }
    this.c.sm.resume(resume, (answer) => {
      const resumed = answer.name === "resumed";
      if (resumed) {
        const full = this.c.gate.session?.jid;
        if (full) identifier.children = [full.toString()];
      }
      if (resumed || !this.fault("sasl2-failed-omitted")) success.cnode(answer);
      if (resumed && this.fault("sasl2-bind-after-resumed")) bindNow(true);
      if (!resumed && !this.fault("sasl2-no-bind-after-failed")) bindNow();
      this.finish(success, resumed);
    });
  }

  /** XEP-0198 §9.2: after an inline resumption the stream is re-established at once, without features. */
  private finish(success: Element, resumed: boolean): void {
    this.c.send(success);
    if (!resumed || this.fault("sasl2-features-after-resumed")) this.c.sendFeatures();
  }

  private freshJid(account: Jid, prefix: string): Jid | undefined {
    for (let i = 0; i < 5; i++) {
      const resource = `${prefix}${randomResource()}`;
      if (this.c.server.sessions.resourceInUse(account.toString(), resource)) continue;
      try {
        return boundJid(account, resource);
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}
