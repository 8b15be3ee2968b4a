// The harness as a remote server (issue #15): dial the target's s2s side, listen for its streams.
//
// Inbound for the target (we initiate), a Session like any c2s one:
//   const s = await dialTarget({ endpoint, from: "remote.test", to: target, pki, secret: listener.secret, transcript });
//   await negotiateS2s(s, { auth: "dialback" });             // or starttls(s), authExternal(s), dialback(s) step by step
//   await s.send(xml("message", { from: "x@remote.test/r", to: `alice@${target}` }, ...));
//   await s.expectStreamError();                              // expect, expectNothing (barrier), ... as on c2s
//
// Outbound for the target (it connects to us): answered per policy, stanzas in a per-domain inbox:
//   listener.policy("remote.test", { tls: "required" });
//   await alice.send(xml("message", { to: "someone@remote.test" }, ...));
//   await listener.expect("remote.test", { name: "message", to: "someone@remote.test" });
// or driven raw: const claimed = listener.claim("remote.test"); (make the target connect); const ps = await claimed;
//   await ps.sendHeader(); await ps.sendFeatures(starttls); await ps.expect({ name: "starttls" });
//   await ps.proceedTls({ flaw: "expired" });                 // rejects when the target refuses the certificate
export { dialbackKey, dialbackSecret } from "../s2s/dialback-key.ts";
export { NS_DIALBACK, NS_DIALBACK_FEATURE } from "../s2s/ns.ts";
export {
  authExternal,
  type DialbackOptions,
  type DialOptions,
  dialback,
  dialTarget,
  negotiateS2s,
  type S2sNegotiation,
  type StarttlsOptions,
  starttls,
} from "./dialer.ts";
export { PeerListener, type PeerListenerOptions } from "./listener.ts";
export { DEFAULT_POLICY, type PeerPolicy } from "./policy.ts";
export { PeerStream, type ProceedOptions } from "./stream.ts";
