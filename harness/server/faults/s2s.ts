// Deliberate RFC violations of the reference server's server-to-server side (harness/server/s2s/), applied
// at the hook points of ../s2s/fault-hooks-s2s.ts. One row per fault; add rows as federation cases need
// them (name, what goes wrong, the requirement ids it breaks), then a hook that asks for the name.
import { spec } from "./spec.ts";

export const S2S_FAULTS = [
  // Stream headers (RFC 6120 §4.7.1, §4.7.2).
  spec(
    "s2s-no-from-in-header",
    "leaves 'from' out of every stream header it sends on a server-to-server stream",
    "RFC6120-4.7.1-2",
    "RFC6120-4.7.1-3",
  ),
  spec(
    "s2s-no-to-in-response",
    "leaves 'to' out of its response stream header on a server-to-server stream",
    "RFC6120-4.7.2-4",
  ),
  // TLS and certificates (RFC 6120 §5, §13.7.2).
  spec(
    "s2s-skip-tls",
    "as initiating server, goes on without STARTTLS although the receiving server requires it",
    "RFC6120-5.3.1-1",
  ),
  spec(
    "s2s-accept-expired-cert",
    "accepts an expired certificate from a peer server (as client or server certificate)",
    "RFC6120-13.7.2-2",
    "RFC6120-13.7.2-3",
  ),
  spec(
    "s2s-accept-untrusted-cert",
    "accepts a peer server's certificate that does not chain to the trusted CA (self-signed, another CA)",
    "RFC6120-13.7.2-2",
    "RFC6120-13.7.2-3",
  ),
  spec(
    "s2s-accept-wrong-name-cert",
    "takes a peer certificate as proof of any domain, whatever names it carries",
    "RFC6120-13.7.2-2",
    "RFC6120-13.7.2-3",
    "RFC6120-5.4.3.1-6",
  ),
  // Authentication (RFC 6120 §6.3.8, XEP-0178; XEP-0220).
  spec(
    "s2s-external-any-authzid",
    "SASL EXTERNAL succeeds with an authorization identity other than the authenticated domain",
    "RFC6120-6.3.8-5",
    "RFC6120-6.3.8-6",
  ),
  spec(
    "s2s-dialback-always-valid",
    "as receiving server, answers every dialback key valid without asking the authoritative server",
    "RFC6120-4.7.1-4",
    "RFC6120-4.7.2-5",
  ),
  spec(
    "s2s-accept-stanza-before-auth",
    "accepts stanzas on an inbound server-to-server stream before it is authenticated",
    "RFC6120-4.3.5-3",
    "RFC6120-4.9.3.12-1",
  ),
  spec(
    "s2s-send-before-auth",
    "as initiating server, sends queued stanzas as soon as the stream is open, before authentication",
    "RFC6120-4.3.5-2",
  ),
  // Stanzas on an authenticated stream (RFC 6120 §8.1.1.2, §8.1.2.2).
  spec(
    "s2s-accept-spoofed-from",
    "delivers inbound stanzas whose 'from' is not at the authenticated domain",
    "RFC6120-8.1.2.2-2",
  ),
  spec(
    "s2s-accept-unaddressed",
    "delivers inbound stanzas that lack 'to' or 'from' instead of closing the stream",
    "RFC6120-8.1.1.2-1",
    "RFC6120-8.1.2.2-1",
  ),
  spec(
    "s2s-accept-foreign-to",
    "accepts inbound stanzas whose 'to' is at a domain it does not serve (and drops them)",
    "RFC6120-8.1.1.2-2",
    "RFC6120-10.4-2",
  ),
  // Routing (RFC 6120 §10.4.3).
  // (a stanza for a domain it cannot reach dropped without an error: remote-domain-accepted, stanza-addressing.ts)
  spec(
    "s2s-timeout-as-not-found",
    "answers a remote server that never negotiates with <remote-server-not-found/>, not <remote-server-timeout/>",
    "RFC6120-10.4.3-3",
  ),
] as const;
