// The stream header the reference client sends (RFC 6120 §4.7, RFC 7395 §3.4's <open/> when framed).
import { NS } from "../xml/element.ts";
import { frameOpen, streamHeader } from "../xml/serialize.ts";

/**
 * The opening tag of a stream to `to`: the usual attributes, then each layer of `overrides` on top
 * (the session's defaults, the case's own); `null` drops an attribute.
 */
export function clientStreamHeader(
  framed: boolean,
  to: string,
  ...overrides: Record<string, string | null>[]
): string {
  const base: Record<string, string | null> = framed
    ? { xmlns: NS.framing, to, version: "1.0", "xml:lang": "en" }
    : { xmlns: NS.client, "xmlns:stream": NS.stream, to, version: "1.0", "xml:lang": "en" };
  const merged = Object.fromEntries(
    Object.entries(Object.assign(base, ...overrides)).filter((e): e is [string, string] => e[1] !== null),
  );
  return framed ? frameOpen(merged) : streamHeader(merged);
}
