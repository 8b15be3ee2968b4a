// What a target claims of the specifications a profile requires (fixtures/xep/claims.tsv): asked once per
// run with one account of the run's own (service discovery on the domain and on the account, the stream
// features after binding, the endpoints the run was given). A claim is what the server says, not what it
// does: the suites judge that.
import { bounded } from "../bounded.ts";
import { type DiscoInfo, discoInfoGet, discoInfoOf } from "../disco.ts";
import { fixture, readTsv } from "../fixtures/tsv.ts";
import { CaseContext } from "../runner/context.ts";
import { provisioningOpener } from "../runner/run.ts";
import type { Target } from "../runner/target.ts";
import type { Client } from "../runner/users.ts";
import { Transcript } from "../transcript.ts";

/** yes / no as the target answered; unknown where no discovery names the specification or the probe failed. */
export type Claim = "yes" | "no" | "unknown";

type How = "server-feature" | "account-feature" | "account-identity" | "stream-feature" | "endpoint" | "core";

interface ClaimRule {
  how: How;
  value: string;
}

function rules(): Map<string, ClaimRule> {
  const out = new Map<string, ClaimRule>();
  for (const r of readTsv(fixture("xep/claims.tsv")))
    out.set(r.get("spec"), { how: r.get("how") as How, value: r.get("value") });
  return out;
}

/** What the probe saw: the answers every claim is read from. */
interface Seen {
  server?: DiscoInfo;
  account?: DiscoInfo;
  streamFeatures?: { name: string; ns: string }[];
}

/** Was the run given the endpoint flag `flag`? */
function endpointGiven(target: Target, flag: string): boolean {
  if (flag === "--websocket") return target.websocket !== undefined;
  if (flag === "--direct-tls") return target.directTls !== undefined;
  if (flag === "--component") return target.component !== undefined;
  return false;
}

function claimOf(rule: ClaimRule | undefined, seen: Seen, target: Target): Claim {
  if (!rule) return "unknown";
  const known = <T>(v: T | undefined, test: (v: T) => boolean): Claim =>
    v === undefined ? "unknown" : test(v) ? "yes" : "no";
  switch (rule.how) {
    case "core":
      return "yes";
    case "endpoint":
      return endpointGiven(target, rule.value) ? "yes" : "unknown";
    case "server-feature":
      return known(seen.server, (d) => d.features.includes(rule.value));
    case "account-feature":
      return known(seen.account, (d) => d.features.includes(rule.value));
    case "account-identity":
      return known(seen.account, (d) => d.identities.some((i) => `${i.category}/${i.type}` === rule.value));
    case "stream-feature": {
      const [name, ns] = rule.value.split(" ");
      return known(seen.streamFeatures, (fs) => fs.some((f) => f.name === name && f.ns === ns));
    }
  }
}

/** Asks each query alone: a server that refuses one (an error reply) still answers the others. */
async function look(client: Client, domain: string): Promise<Seen> {
  const ask = (to: string) =>
    client
      .iqResult(discoInfoGet(to), `disco#info of ${to}`)
      .then(discoInfoOf)
      .catch(() => undefined);
  const [server, account] = await Promise.all([ask(domain), ask(client.bare)]);
  const streamFeatures = client.features?.children
    .filter((c) => typeof c !== "string")
    .map((c) => ({ name: c.getName(), ns: c.getNS() ?? "" }));
  return { server, account, streamFeatures };
}

/**
 * The claims of `specs` by `target`: one account of the run's provisioner logs in, asks, and is given back.
 * A probe that cannot log in leaves every discoverable claim unknown; it never fails the run.
 */
export async function probeClaims(
  target: Target,
  specs: readonly string[],
  timeoutMs: number,
): Promise<Record<string, Claim>> {
  const transcript = new Transcript();
  const open = provisioningOpener(target, timeoutMs, transcript);
  let seen: Seen = {};
  const ask = async () => {
    const accounts = await target.provisioner.acquire(1, open);
    const ctx = new CaseContext(target, accounts, transcript, timeoutMs);
    try {
      const { probe } = await ctx.setUpUsers(["probe"]);
      seen = await look(probe, target.domain);
    } finally {
      await ctx.closeAll();
      await target.provisioner.release(accounts, open).catch(() => {});
      await target.provisioner.end?.().catch(() => {});
    }
  };
  await bounded(
    ask().catch(() => {}),
    6 * timeoutMs,
    () => undefined,
  );
  const r = rules();
  return Object.fromEntries(specs.map((s) => [s, claimOf(r.get(s), seen, target)]));
}
