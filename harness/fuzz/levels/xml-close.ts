// Bytes that leave an element open (a second stream header sent as a first-level element, say) keep
// the probe the xml level sends after its input inside that element, where no target may answer it: the
// case would wait out its timeout. The end tags of what is still open come before the probe, so the
// target's answer to it (or its stream error) ends the case as soon as it has read the input.
import { StreamParser } from "../../xml/parser.ts";

/** End tags closing every element the bytes leave open after the header, innermost first; "" if none. */
export function closingTags(header: string, bytes: Buffer): string {
  const p = new StreamParser({});
  p.write(Buffer.from(header, "utf8"));
  p.write(bytes);
  if (p.failed) return "";
  return p.openNames
    .reverse()
    .map((name) => `</${name}>`)
    .join("");
}
