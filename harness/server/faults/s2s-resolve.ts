// Deliberate deviations of the reference server's resolution of remote domains (RFC 6120 §3.2), applied by
// ../s2s/resolve-faults.ts to its DNS resolver. One row per fault.
import { spec } from "./spec.ts";

export const S2S_RESOLVE_FAULTS = [
  spec(
    "s2s-resolve-dot-falls-back",
    "ignores a lone SRV record whose target is '.' and falls back to the domain's address records",
    "RFC6120-3.2.1-1",
  ),
  spec(
    "s2s-resolve-no-a-fallback",
    "treats a domain without SRV records as unresolved instead of falling back to its address records",
    "RFC6120-3.2.1-3",
    "RFC6120-3.2.2-1",
  ),
] as const;
