// RFC 6120 §4.9.2 Syntax: a stream error carries exactly one defined condition in the streams
// namespace, and its optional <text/> is in that namespace too.

import { Violation } from "../../harness/errors.ts";
import { isStreamError, streamErrorCondition } from "../../harness/match.ts";
import {
  type CaseContext,
  type CaseSpec,
  clientHeaderAttrs,
  clip,
  type Element,
  expectStreamError,
  NS,
  nextId,
  ping,
  rawHeader,
  section,
  uid,
} from "../kit/index.ts";

/**
 * Provoke a stream error with `bytes`, sent as the stream's opening ("start") or on an open, secured
 * stream (then a ping follows as a barrier), and return the <stream:error/>.
 */
async function streamErrorAfter(ctx: CaseContext, bytes: string, on: "start" | "open"): Promise<Element> {
  const s = on === "open" ? await ctx.openSecured() : await ctx.connect();
  const data = on === "open" ? bytes + ping(undefined, nextId("barrier")).toString() : bytes;
  // a condition RFC 6120 does not define is graded here (§4.9.2); what the element holds, by the cases
  await expectStreamError(ctx, s, ["RFC6120-4.9.2-2"], data);
  if (!s.streamError) throw new Violation("no stream error");
  return s.streamError;
}

/**
 * What the server does once the client sends a stream error with `condition`: its own stream error (if
 * any), then whether it closed its stream, dropped the connection, or kept the stream open.
 */
async function afterClientStreamError(ctx: CaseContext, condition: string, label: string): Promise<string> {
  const s = await ctx.openSecured({ label });
  await s.send(`<stream:error><${condition} xmlns='${NS.streams}'/></stream:error>`);
  const closed = await s.expectClose().then(
    () => true,
    () => false,
  );
  const answer = s.streamError
    ? `a stream error <${streamErrorCondition(s.streamError) ?? "none"}/>`
    : "no stream error";
  const end = !closed ? "the stream left open" : s.streamEnded ? "its closing tag" : "the connection dropped";
  return `${answer}, then ${end}`;
}

const cases: CaseSpec[] = [
  {
    id: "rfc6120/4.9.2/unknown-condition-as-undefined",
    title:
      "a client's stream error with a condition RFC 6120 does not define is treated as <undefined-condition/>",
    requirements: ["RFC6120-4.9.2-3"],
    needs: ["tcp"],
    async run(ctx) {
      // §4.9.2: the receiver "MUST treat the unknown condition as equivalent to <undefined-condition/>": what
      // the server does after each must be the same (what that is, §4.9.1.1's own case grades).
      const known = await afterClientStreamError(ctx, "undefined-condition", "known");
      const unknown = await afterClientStreamError(ctx, `xmppspec-condition-${uid()}`, "unknown");
      if (unknown !== known) {
        throw new Violation(
          `after <undefined-condition/> the server sent ${known}; after an unknown condition, ${unknown}`,
        );
      }
    },
  },
  {
    id: "rfc6120/4.9.2/exactly-one-defined-condition",
    title: "a stream error carries exactly one defined condition, qualified by the streams namespace",
    requirements: ["RFC6120-4.9.2-2", "RFC6120-4.9.2-4"],
    needs: ["tcp"],
    async run(ctx) {
      const err = await streamErrorAfter(ctx, "<message><body>x</bodx></message>", "open");
      if (!isStreamError(err)) throw new Violation(`not a <stream:error/>: ${clip(err)}`);
      const conds = err.getChildElements().filter((c) => c.getNS() === NS.streams && c.name !== "text");
      if (conds.length !== 1) {
        throw new Violation(`the stream error carries ${conds.length} defined conditions: ${clip(err)}`);
      }
    },
  },
  {
    id: "rfc6120/4.9.2/text-in-streams-namespace",
    title: "a stream error's <text/> (if any) is qualified by the streams namespace",
    requirements: ["RFC6120-4.9.2-5", "RFC6120-4.9.2-6"],
    needs: ["tcp"],
    async run(ctx) {
      // an error triggered by the header (unknown host) this time
      const header = rawHeader(clientHeaderAttrs(`nowhere-${nextId("h")}.invalid`));
      const err = await streamErrorAfter(ctx, header, "start");
      for (const child of err.getChildElements()) {
        const ns = child.getNS();
        if (child.name === "text" && ns !== NS.streams) {
          throw new Violation(`<text/> is qualified by '${ns ?? "(none)"}', not '${NS.streams}'`);
        }
        if (ns === NS.stream || ns === NS.client) {
          throw new Violation(
            `<${child.name}/> in '${ns}' is neither a condition, <text/> nor application-specific`,
          );
        }
      }
      const text = err.getChild("text", NS.streams);
      ctx.should(!text || !!text.attrs["xml:lang"], "<text/> should carry 'xml:lang'");
    },
  },
];

export default section("rfc6120", "4.9.2", "Syntax", cases);
