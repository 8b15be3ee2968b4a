// What a server sends must be clean XML (RFC 6120 §11.1, §11.3, §11.6): text that looks like markup
// is relayed escaped and unchanged, and nothing the harness's parser flags reaches a client.
import { Violation } from "../../harness/errors.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { Session } from "../../harness/session.ts";
import { messageWithId } from "./matchers.ts";
import { clip, type Element, nextId, xml } from "./stanzas.ts";

/** §11.1-2, §11.3-1, §11.3-3: nothing the target sent on these sessions broke the XML rules. */
export function noServerFindings(sessions: Session[]): void {
  for (const s of sessions) {
    const f = s.findings[0];
    if (f)
      throw new Violation(`the server sent ${f.kind}: ${f.message} (${JSON.stringify(f.bytes.toString())})`);
  }
}

/** Relay `body` (and `attrs`, an `extra` child) from alice to bob: it must arrive unchanged and clean. */
export async function relayIntact(
  alice: Client,
  bob: Client,
  body: string,
  attrs: Record<string, string> = {},
  extra?: Element,
): Promise<void> {
  const id = attrs.id ?? nextId("relay");
  const message = xml("message", { to: bob.full, type: "chat", ...attrs, id }, xml("body", {}, body), extra);
  await alice.send(message);
  const got = await bob.expect(messageWithId(id));
  noServerFindings([alice, bob]);
  const text = got.getChildText("body");
  if (text !== body) {
    throw new Violation(
      `the body arrived as ${JSON.stringify(text)} instead of ${JSON.stringify(body)}: ${clip(got)}`,
    );
  }
  for (const [k, v] of Object.entries(attrs)) {
    if (got.attrs[k] !== v)
      throw new Violation(
        `'${k}' arrived as ${JSON.stringify(got.attrs[k])} instead of ${JSON.stringify(v)}`,
      );
  }
}
