// The set-up of the cases that test how a stream header is read (RFC 6120 §4.7, §4.8, §11.5): a raw
// TCP connection on which the client has sent its header and nothing else.
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { clientHeaderAttrs, rawHeader } from "./stream-bytes.ts";

/** A raw connection that has sent a stream header written by hand: `attrs` as they are, under `decl`. */
export async function sentRawHeader(ctx: CaseContext, attrs: string, decl?: string): Promise<Session> {
  const s = await ctx.connect();
  await s.send(rawHeader(attrs, decl));
  return s;
}

/** A raw connection that has sent a client header to the target's domain, written by hand: `rest` after to='…', under `decl`. */
export function sentHeader(ctx: CaseContext, rest?: string, decl?: string): Promise<Session> {
  return sentRawHeader(ctx, clientHeaderAttrs(ctx.domain, rest), decl);
}

/** A raw connection that has opened a stream with these header attributes: the session and the response header. */
export async function openedWith(ctx: CaseContext, attrs: Record<string, string | null>) {
  const s = await ctx.connect();
  return { s, header: await s.openStream(attrs) };
}
