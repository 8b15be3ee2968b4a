// The harness as a remote server (issue #15): dial the target's s2s side, listen for its streams.
export { dialbackKey, dialbackSecret } from "./dialback-key.ts";
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
export { NS_DIALBACK, NS_DIALBACK_FEATURE } from "./ns.ts";
export { DEFAULT_POLICY, type PeerPolicy } from "./policy.ts";
export { PeerStream, type ProceedOptions } from "./stream.ts";
