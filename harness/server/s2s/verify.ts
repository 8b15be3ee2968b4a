// The receiving server asks the authoritative server (XEP-0220 §2.2.2, step 3): a stream to the originating
// domain's server, found through the resolver hook, and one <db:verify/>. Every failure is a dialback
// error condition of §2.4.

import { NS_DIALBACK } from "../../s2s/ns.ts";
import { dialbackElement } from "./dialback.ts";
import type { DialbackVerdict, S2sHost } from "./host.ts";
import { type DialError, OutboundStream } from "./outbound.ts";

export function verifyWithAuthority(
  host: S2sHost,
  originating: string,
  receiving: string,
  streamId: string,
  key: string,
): Promise<DialbackVerdict> {
  return new Promise((resolve) => {
    let done = false;
    let up = false;
    const finish = (v: DialbackVerdict) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(v);
      // XEP-0220 §2.1.2: a connection only for verification is closed once the answer is in
      if (!host.authHooks.keepsVerifyStream()) stream.close();
    };
    const stream = new OutboundStream(host, receiving, originating, "verify", {
      element: (el) => {
        const answer = el.name === "db:verify" || el.getNS() === NS_DIALBACK;
        if (!answer || el.attrs.id !== streamId || el.attrs.from !== originating) return;
        const type = el.attrs.type;
        if (type === "valid" || type === "invalid") finish(type);
        else finish("remote-server-not-found");
      },
      // Closed without an answer (§2.4: the authoritative server went away): a timeout.
      closed: () => {
        if (up) finish("remote-server-timeout");
      },
    });
    const timer = setTimeout(() => finish("remote-server-timeout"), host.config.timeouts.negotiateMs);
    stream.ready.then(
      () => {
        up = true;
        stream.send(
          dialbackElement(
            "verify",
            { from: receiving, to: originating, id: streamId },
            undefined,
            undefined,
            key,
          ),
        );
      },
      (err: DialError) =>
        finish(
          err.stage === "resolve" || err.stage === "refused"
            ? "remote-server-not-found"
            : err.stage === "connect"
              ? "remote-connection-failed"
              : "remote-server-timeout",
        ),
    );
  });
}
