// Service discovery (XEP-0030) as the XEP suites' gate: an optional XEP's case runs only where the target
// advertises the feature (else SKIP, naming it), and from then on holds the target to it (a feature
// advertised and not honoured FAILs). The XEP-0030 suite checks the answers themselves.
import { type DiscoInfo, discoInfoGet, discoInfoOf } from "../../harness/disco.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { Element } from "../../harness/xml/element.ts";

export {
  type DiscoIdentity,
  type DiscoInfo,
  discoInfoGet,
  discoInfoOf,
  discoItemsGet,
  readDiscoInfo,
} from "../../harness/disco.ts";

/** Asks `to` for its disco#info; an error reply throws IqError naming `what`. */
export async function discoInfo(client: Client, to: string, node?: string): Promise<DiscoInfo> {
  return discoInfoOf(await client.iqResult(discoInfoGet(to, node), `disco#info of ${to}`));
}

/**
 * SKIPs the case unless `to` advertises `feature` (XEP-0030 §3.1: an entity lists the features it supports);
 * the query is a set-up step: a target that cannot answer it has the XEP-0030 suite's verdicts, not this case's.
 */
export async function requireFeature(
  ctx: CaseContext,
  client: Client,
  to: string,
  feature: string,
  spec: string,
): Promise<DiscoInfo> {
  const info = await ctx.setUp(`discover the features of ${to}`, () => discoInfo(client, to));
  ctx.require(info.features.includes(feature), `${to} does not advertise ${feature} (${spec} is optional)`);
  return info;
}

/** SKIPs unless the target's domain advertises `feature`. */
export function requireServerFeature(
  ctx: CaseContext,
  client: Client,
  feature: string,
  spec: string,
): Promise<DiscoInfo> {
  return requireFeature(ctx, client, ctx.domain, feature, spec);
}

/** SKIPs unless the client's own account (its bare JID) advertises `feature`: PEP, MAM. */
export function requireAccountFeature(
  ctx: CaseContext,
  client: Client,
  feature: string,
  spec: string,
): Promise<DiscoInfo> {
  return requireFeature(ctx, client, client.bare, feature, spec);
}

/** SKIPs unless the stream features `client` saw after binding hold <name xmlns=ns/>: SM, CSI. */
export function requireStreamFeature(
  ctx: CaseContext,
  client: Client,
  name: string,
  ns: string,
  spec: string,
): Element {
  const feature = client.features?.getChild(name, ns);
  if (!feature) ctx.skip(`the target does not offer <${name} xmlns='${ns}'/> (${spec} is optional)`);
  return feature;
}
