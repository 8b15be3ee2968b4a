// The archive and stream-management levels keep their parties across model runs (kept-parties.ts): a run
// on kept parties starts from the state its model describes (the archive as the earlier runs left it; a
// stream that never enabled stream management), a fault is still found on them, and the run after a
// failure gets new parties. The stanza parties outlive a stream error that ends one of them.
import { expect } from "chai";
import type { LevelSpec } from "../harness/fuzz/levels/level.ts";
import { mamLevel } from "../harness/fuzz/levels/mam.ts";
import { type MamCommandSpec, mamCommandOf } from "../harness/fuzz/levels/mam-commands.ts";
import { mamParties } from "../harness/fuzz/levels/mam-parties.ts";
import { smLevel } from "../harness/fuzz/levels/sm.ts";
import { type SmCommandSpec, smCommandOf } from "../harness/fuzz/levels/sm-commands.ts";
import { smParties } from "../harness/fuzz/levels/sm-parties.ts";
import { type StanzaSpec, stanzaLevel } from "../harness/fuzz/levels/stanza.ts";
import type { Rig } from "../harness/fuzz/rig.ts";
import { runCase } from "../harness/fuzz/run-case.ts";
import { openRig } from "../harness/fuzz/setup.ts";
import { OracleFailure } from "../harness/fuzz/types.ts";

const BASE = { tls: "optional", insecure: false, account: [] as string[] };
const mam = (rig: Rig, specs: MamCommandSpec[]) =>
  runCase(rig, mamLevel as LevelSpec<unknown>, specs.map(mamCommandOf));
const sm = (rig: Rig, specs: SmCommandSpec[]) =>
  runCase(rig, smLevel as LevelSpec<unknown>, specs.map(smCommandOf));
const failure = (p: Promise<void>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("fuzz parties kept across cases (archive, stream management, stanza)", function () {
  this.timeout(60_000);

  it("archive: the next run reads what the earlier ones archived before its own messages, on the same users", async () => {
    const o = await openRig({ ...BASE, fault: [] }, 3000);
    try {
      await mam(o.rig, [{ op: "send", count: 3 }]);
      const first = mamParties.current(o.rig);
      expect(first?.runs).to.equal(0);
      // every read here spans the three earlier messages: the model must know them
      await mam(o.rig, [
        { op: "walk", max: 2 },
        { op: "page", max: 2, backwards: true, at: -1 },
        { op: "send", count: 2 },
        { op: "page", max: 4, backwards: true, at: 0.9 },
        { op: "page", max: 2, backwards: false, at: -1 },
        { op: "walk", max: 3 },
      ]);
      const second = mamParties.current(o.rig);
      expect(second).to.equal(first);
      expect(second?.runs).to.equal(1);
      expect(second?.prior).to.have.length(3);
    } finally {
      await o.close();
    }
  });

  it("archive: a fault is found on kept users, and the run after it gets new ones", async () => {
    const o = await openRig({ ...BASE, fault: ["mam-wrong-order"] }, 3000);
    try {
      await mam(o.rig, [{ op: "send", count: 2 }]);
      const before = mamParties.current(o.rig);
      const err = await failure(
        mam(o.rig, [
          { op: "send", count: 2 },
          { op: "walk", max: 10 },
        ]),
      );
      expect(err).to.be.instanceOf(OracleFailure);
      expect((err as OracleFailure).oracle).to.equal("model");
      await mam(o.rig, [{ op: "send", count: 1 }]);
      const after = mamParties.current(o.rig);
      expect(after).to.not.equal(before);
      expect(after?.runs).to.equal(0);
    } finally {
      await o.close();
    }
  });

  it("stream management: bob and the accounts are kept, alice enables it on a new stream each run", async () => {
    const o = await openRig({ ...BASE, fault: [] }, 3000);
    try {
      await sm(o.rig, [{ op: "send", n: 2 }]);
      const first = smParties.current(o.rig);
      await sm(o.rig, [
        { op: "send", n: 1 },
        { op: "cut-resume", during: 1, h: "acked" },
        { op: "alice-sends", n: 1 },
      ]);
      const second = smParties.current(o.rig);
      expect(second).to.equal(first);
      expect(second?.runs).to.equal(1);
      expect(second?.bob.closed).to.equal(false);
    } finally {
      await o.close();
    }
  });

  it("stream management: a fault is found on kept parties, and the run after it gets new ones", async () => {
    const o = await openRig({ ...BASE, fault: ["sm-h-off-by-one"] }, 3000);
    try {
      await sm(o.rig, [{ op: "send", n: 1 }]);
      const before = smParties.current(o.rig);
      const err = await failure(sm(o.rig, [{ op: "alice-sends", n: 1 }]));
      expect(err).to.be.instanceOf(OracleFailure);
      await sm(o.rig, [{ op: "send", n: 1 }]);
      const after = smParties.current(o.rig);
      expect(after).to.not.equal(before);
      expect(after?.runs).to.equal(0);
    } finally {
      await o.close();
    }
  });

  it("stanza: a stream the target ends over a spoofed 'from' costs that party's login only", async () => {
    const o = await openRig({ ...BASE, fault: [] }, 3000);
    try {
      const before = await o.rig.getParties();
      const message = (from: StanzaSpec["from"]): StanzaSpec => ({
        kind: "message",
        to: "bob-full",
        from,
        type: "chat",
        id: true,
        children: [],
      });
      // the embedded server answers a foreign 'from' with <invalid-from/> (RFC 6120 §4.9.3.9): no finding
      await runCase(o.rig, stanzaLevel, [message("foreign")]);
      expect(before.alice.streamEnded || before.alice.closed).to.equal(true);
      const after = await o.rig.getParties();
      expect(after.alice).to.not.equal(before.alice);
      expect(after.bob).to.equal(before.bob);
      expect(after.eve).to.equal(before.eve);
      // and the parties serve on: a message to bob arrives, from the new alice
      await runCase(o.rig, stanzaLevel, [message("none")]);
      expect(await o.rig.getParties()).to.equal(after);
    } finally {
      await o.close();
    }
  });
});
