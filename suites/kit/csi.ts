// XEP-0352 client state indication for the cases: the gate (the <csi/> stream feature, SKIP without it)
// and the two nonzas, sent so that a stream error or a reply they caused shows at once.
import { Violation } from "../../harness/errors.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { requireStreamFeature } from "./discovery.ts";
import { clip, NS, xml } from "./stanzas.ts";

export const NS_CSI = "urn:xmpp:csi:0";

export type ClientStateName = "active" | "inactive";

/** SKIPs unless the stream features after authentication offer <csi xmlns='urn:xmpp:csi:0'/> (§4.1). */
export function requireCsi(ctx: CaseContext, client: Client): void {
  requireStreamFeature(ctx, client, "csi", NS_CSI, "XEP-0352");
}

const STANZAS = new Set(["message", "presence", "iq"]);

/**
 * Sends <active/> or <inactive/> (§4.2) and pings the server: the stream must go on (no stream error), and
 * nothing but stanzas may come back ("There is no reply from the server to either of these elements").
 */
export async function indicate(client: Client, state: ClientStateName): Promise<void> {
  const before = client.inbox.length;
  await client.send(xml(state, { xmlns: NS_CSI }));
  try {
    await client.barrier();
  } catch (err) {
    if (client.streamError || client.streamEnded || client.closed)
      throw new Violation(
        `after <${state} xmlns='${NS_CSI}'/> the server ended the stream: ${(err as Error).message}`,
      );
    throw err;
  }
  const reply = client.inbox
    .slice(before)
    .find((el) => !STANZAS.has(el.name) && !el.is("features", NS.stream));
  if (reply) throw new Violation(`the server answered <${state}/> with ${clip(reply, 200)}`);
}
