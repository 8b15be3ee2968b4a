// Faults of XEP-0352 (client state indication): each breaks one rule of what the reference server does
// with <active/> and <inactive/>, applied at the hooks of ../csi.ts.
import { spec } from "./spec.ts";

export const XEP0352_FAULTS = [
  spec(
    "csi-nonza-stream-error",
    "answers <active/> and <inactive/> with an <unsupported-stanza-type/> stream error though it advertises CSI",
    "XEP0352-5.1-1",
  ),
  spec(
    "csi-inactive-by-default",
    "treats a new stream as inactive: it holds presence and chat states until the client sends <active/>",
    "XEP0352-5-2",
  ),
  spec(
    "csi-drops-messages",
    "silently drops the messages for a resource while it is inactive",
    "RFC6121-8.5.3.1-3",
    "RFC6121-8.5.2.1.1-2",
  ),
  spec(
    "csi-holds-iq-replies",
    "holds back its answers to an inactive client's IQs (and everything after them) until <active/>",
    "RFC6120-8.2.3-4",
  ),
  spec(
    "csi-flush-after-pong",
    "on <active/>, sends what it held back only after it has answered the client's next request",
    "XEP0352-5.1-1",
  ),
  spec(
    "csi-swallows-own-presence",
    "does not broadcast the presence an inactive client sends",
    "XEP0352-5-3",
    "RFC6121-4.4.2-1",
  ),
  spec(
    "csi-reveals-state",
    "broadcasts away presence for the user when a client sends <inactive/>, available when it sends <active/>",
    "XEP0352-5-3",
    "XEP0352-6-1",
  ),
];
