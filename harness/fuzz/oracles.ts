// Checks shared by the levels: each throws OracleFailure naming the property the target broke.
import { conditionsOf } from "../error-conditions.ts";
import { stanzaError } from "../match.ts";
import { isRestrictedXml } from "../server/stream-errors.ts";
import type { Session } from "../session.ts";
import { childDiff } from "../xml/canonical.ts";
import { clip, type Element, NS } from "../xml/element.ts";
import type { Rig } from "./rig.ts";
import { OracleFailure } from "./types.ts";

const ERROR_TYPES = new Set(["auth", "cancel", "continue", "modify", "wait"]);

/** The stanza error conditions RFC 6120 §8.3.3 defines (fixtures/rfc/error-conditions.tsv). */
const STANZA_CONDITIONS: ReadonlySet<string> = new Set(conditionsOf("stanza"));

export { clip };

/** Everything the target sent these sessions is well-formed and free of §11's forbidden features. */
export function checkWellFormed(rig: Rig, sessions: Session[]): void {
  for (const s of sessions) {
    const found = rig.newFindings(s);
    if (found.length) {
      const f = found[0];
      throw new OracleFailure(
        "well-formed",
        `${s.opts.label} received ${f.kind}: ${f.message} (bytes ${JSON.stringify(f.bytes.toString("latin1"))})`,
        // §11.1: restricted XML is never injected; §11.3: nothing sent is not (namespace-)well-formed
        isRestrictedXml(f.kind)
          ? "RFC6120-11.1-2"
          : f.kind === "bad-namespace-prefix"
            ? "RFC6120-11.3-3"
            : "RFC6120-11.3-1",
      );
    }
  }
}

/** RFC 6120 §8.3.2: an error stanza has one <error/> with a type and exactly one defined condition. */
export function checkErrorStanza(el: Element): void {
  const error = el.getChild("error");
  if (!error)
    throw new OracleFailure(
      "error-condition",
      `an error stanza without <error/>: ${clip(el)}`,
      "RFC6120-8.3.2-6",
    );
  const info = stanzaError(el);
  if (info?.conditions.length !== 1)
    throw new OracleFailure(
      "error-condition",
      `the error carries ${info?.conditions.length ?? 0} conditions in ${NS.stanzas}: ${clip(el)}`,
      "RFC6120-8.3.2-6",
    );
  if (!STANZA_CONDITIONS.has(info.conditions[0]))
    throw new OracleFailure(
      "error-condition",
      `<${info.conditions[0]}/> is no defined condition: ${clip(el)}`,
    );
  if (!info.type || !ERROR_TYPES.has(info.type))
    throw new OracleFailure(
      "error-condition",
      `error type '${info.type ?? ""}' is not defined: ${clip(el)}`,
      "RFC6120-8.3.2-3",
    );
  // §8.3.2: <text/> and the condition are in the stanzas namespace; other children are
  // application-specific and need a namespace of their own, never the stream's content namespace.
  for (const c of error.getChildElements()) {
    const ns = c.getNS();
    if (ns === NS.client || ns === undefined)
      throw new OracleFailure(
        "error-condition",
        `<${c.name}/> in <error/> is not namespaced: ${clip(el)}`,
        "RFC6120-8.3.2-8",
      );
  }
}

/**
 * RFC 6120 §8.4: what a server routes it routes unmodified. Every child sent must come back equal (in
 * any order); the server may add children of its own (a delay stamp, say).
 */
export function checkPayload(sent: Element, got: Element, what: string): void {
  if (childDiff(sent, got).missing.length)
    throw new OracleFailure(
      "payload",
      `${what} came back altered: sent ${clip(sent)}, received ${clip(got)}`,
    );
}

/** Take everything out of a session's inbox (the case is over; the next starts clean). */
export function drain(s: Session): Element[] {
  return s.inbox.splice(0, s.inbox.length);
}
