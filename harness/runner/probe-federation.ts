// What the run's federation side can reach: the target's s2s port answers a jabber:server stream header
// ("s2s"), and the target can find the harness's domains through the harness's DNS ("s2s-outbound").
import { dialTarget } from "../peer/dialer.ts";
import type { Transcript } from "../transcript.ts";
import { REMOTE_BASE } from "./federation.ts";
import type { Target } from "./target.ts";

/** Why a federation need is missing, for the SKIP line. */
export const FEDERATION_SKIPS = {
  s2s: "the harness cannot open a server-to-server stream to the target (give --s2s-target host:port; docs/federation.md)",
  "s2s-outbound":
    "the target cannot find the harness's remote domains (give --s2s-dns host:port and point the target's resolver at it; docs/federation.md)",
} as const;

export async function probeFederation(
  target: Target,
  timeoutMs: number,
  transcript: Transcript,
): Promise<void> {
  const f = target.federation;
  if (!f) return;
  if (f.dns) target.capabilities.add("s2s-outbound");
  const endpoint = f.targetS2s;
  if (!endpoint) return;
  try {
    const s = await dialTarget({
      endpoint,
      from: REMOTE_BASE,
      to: target.domain,
      pki: f.pki,
      transcript,
      label: "probe-s2s",
      timeoutMs,
    });
    // any stream header answers: what it says is for the cases to judge
    target.capabilities.add("s2s");
    await s.close().catch(() => {});
  } catch (err) {
    transcript.note("probe-s2s", `no s2s stream: ${(err as Error).message}`);
  }
}
