// The archive level's users, kept across model runs (./kept-parties.ts). XEP-0313 gives a client no way
// to empty an archive, so the reset reads it instead: a run's model starts from what the archive holds
// (every message of it the earlier runs sent), and its pages and walks expect those before its own. Users
// whose archive has grown past one page are dropped for new ones, so the reset stays one query.

import { NS_MAM } from "../../mam.ts";
import type { Account } from "../../runner/accounts.ts";
import type { Session } from "../../session.ts";
import { NS, xml } from "../../xml/element.ts";
import type { Rig } from "../rig.ts";
import { type KeptBase, KeptParties } from "./kept-parties.ts";
import { readArchive } from "./mam-commands.ts";

/** The most messages a kept archive may hold: the reset reads them as one page. */
const PRIOR_MAX = 100;

export interface MamUsers extends KeptBase {
  alice: Session;
  bob: Session;
  aliceAccount: Account;
  /** alice's account advertises urn:xmpp:mam:2 (XEP-0313 §6.1); without it the level has nothing to check. */
  archives: boolean;
  /** What alice's archive holds, oldest first: message ids, and the archive id of the last one. */
  prior: string[];
  priorLast?: string;
  /** The next message number: message ids stay unique across the runs these users serve. */
  next: number;
}

async function login(rig: Rig): Promise<MamUsers> {
  const [a, b] = await rig.freshAccounts(2);
  const alice = await rig.loginKept(a, "alice", true);
  const bob = await rig.loginKept(b, "bob", true);
  const info = await alice.iq(xml("iq", { type: "get", to: a.jid }, xml("query", { xmlns: NS.discoInfo })));
  const features = info.getChild("query", NS.discoInfo)?.getChildren("feature") ?? [];
  return {
    alice,
    bob,
    aliceAccount: a,
    archives: features.some((f) => f.attrs.var === NS_MAM),
    prior: [],
    next: 0,
    sessions: [alice, bob],
    accountList: [a, b],
    restarts: rig.restarts,
    runs: 0,
  };
}

/** The archive as it is now becomes the next run's start; false when it no longer fits one page. */
async function reset(_rig: Rig, u: MamUsers): Promise<boolean> {
  for (const s of [u.alice, u.bob]) s.inbox.splice(0, s.inbox.length);
  if (!u.archives) return true;
  const page = await readArchive(u.alice, { max: PRIOR_MAX });
  if (!page.complete) return false;
  u.prior = page.results.map((r) => r.message.attrs.id ?? "");
  u.priorLast = page.results[page.results.length - 1]?.id;
  return true;
}

/** The archive level's users, per rig. */
export const mamParties = new KeptParties<MamUsers>({ login, reset });
