// XEP-0114: the harness as an external component of the target ('jabber:component:accept' on the port the
// run names with --component). A case opens the stream, sends the handshake (hex SHA-1 of the stream id
// and the shared secret) and then routes stanzas as the component. The target services one component name,
// and a server may refuse a second connection for a name already connected (§3: <conflict/>), so the cases
// that connect take turns (componentCase), each closing its component streams before the next starts.
import { componentHandshake } from "../../harness/component/handshake.ts";
import { HarnessError, Violation } from "../../harness/errors.ts";
import { streamErrorCondition } from "../../harness/match.ts";
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { ComponentTarget } from "../../harness/runner/component-config.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";

/** The component streams each running case opened, closed before its turn ends. */
const opened = new WeakMap<CaseContext, Session[]>();
/** One component case at a time per component endpoint: the end of the latest turn. */
const turns = new Map<string, Promise<void>>();

/** The run's component side (a case declares needs: ["component"], so a run without one SKIPs first). */
export function componentOf(ctx: CaseContext): ComponentTarget {
  const c = ctx.target.component;
  if (!c)
    throw new HarnessError("this run has no component side (a case using it declares needs: ['component'])");
  return c;
}

/** A case that connects as the component: it needs --component and waits for its turn. */
export function componentCase(spec: CaseSpec): CaseSpec {
  return {
    ...spec,
    needs: ["component", ...(spec.needs ?? [])],
    async run(ctx, users) {
      const { endpoint } = componentOf(ctx);
      const key = `${endpoint.host}:${endpoint.port}`;
      const before = turns.get(key) ?? Promise.resolve();
      let done = () => {};
      const mine = new Promise<void>((resolve) => (done = resolve));
      turns.set(key, mine);
      await before;
      try {
        await spec.run(ctx, users);
      } finally {
        const streams = opened.get(ctx) ?? [];
        await Promise.all(streams.map((s) => s.close().catch(() => {})));
        done();
        if (turns.get(key) === mine) turns.delete(key);
      }
    },
  };
}

/** A connection to the component port, nothing sent yet. */
export async function componentConnection(ctx: CaseContext, label = "component"): Promise<Session> {
  const c = componentOf(ctx);
  const s = await ctx.connect({ endpoint: c.endpoint, domain: c.domain, label });
  opened.set(ctx, [...(opened.get(ctx) ?? []), s]);
  return s;
}

/**
 * A component stream header with these attributes sent (`null` drops one): by default the component
 * namespace and the component's name in 'to'. `header`: the target's response header, when it comes.
 */
export async function componentHeaderSent(
  ctx: CaseContext,
  attrs: Record<string, string | null> = {},
  label?: string,
): Promise<{ s: Session; header: Promise<Element> }> {
  const s = await componentConnection(ctx, label);
  const header = s.openStream({
    xmlns: NS.component,
    to: componentOf(ctx).domain,
    version: null,
    "xml:lang": null,
    ...attrs,
  });
  header.catch(() => {});
  return { s, header };
}

/** An open component stream: the session and the target's response header. */
export async function openComponentStream(
  ctx: CaseContext,
  attrs: Record<string, string | null> = {},
  label?: string,
): Promise<{ s: Session; header: Element }> {
  const { s, header } = await componentHeaderSent(ctx, attrs, label);
  return { s, header: await header };
}

/** The handshake value for this stream id with the run's secret (XEP-0114 §3). */
export function handshakeFor(ctx: CaseContext, streamId: string): string {
  return componentHandshake(streamId, componentOf(ctx).secret);
}

/** The target's answer to our <handshake/>: the element, or how the stream ended instead. */
export async function handshakeAnswer(s: Session): Promise<Element | "closed"> {
  try {
    return await s.expect((el) => el.name === "handshake" || el.name === "stream:error");
  } catch (err) {
    if (s.closed || s.streamEnded) return "closed";
    throw err;
  }
}

/** The condition of the stream error the target sent on `s`, if it sent one. */
export function streamErrorOf(s: Session): string | undefined {
  return s.streamError ? streamErrorCondition(s.streamError) : undefined;
}

/** A stream id to compute the handshake from: the response header's, which the component needs. */
export function streamIdOf(header: Element): string {
  const id = header.attrs.id;
  if (!id)
    throw new Violation(
      "the target's response header has no 'id': the component cannot compute its handshake",
    );
  return id;
}

/** A set-up step: an open component stream and the stream id its header gave (graded by their own cases). */
export function componentStreamWithId(ctx: CaseContext): Promise<{ s: Session; id: string }> {
  return ctx.setUp("open a component stream and read its stream id", async () => {
    const { s, header } = await openComponentStream(ctx);
    return { s, id: streamIdOf(header) };
  });
}

/** An authenticated component stream (a set-up step: the handshake itself is graded by its own cases). */
export function componentLogin(ctx: CaseContext, label?: string): Promise<Session> {
  return ctx.setUp("connect as the component and send the handshake", async () => {
    const { s, header } = await openComponentStream(ctx, {}, label);
    await s.send(xml("handshake", {}, handshakeFor(ctx, streamIdOf(header))), { redact: true });
    const answer = await handshakeAnswer(s);
    if (answer === "closed" || answer.name !== "handshake")
      throw new Violation(`the target did not accept the handshake: ${answer.toString().slice(0, 200)}`);
    return s;
  });
}

/** A JID at the component: `local@component`. */
export function atComponent(ctx: CaseContext, local: string): string {
  return `${local}@${componentOf(ctx).domain}`;
}

/**
 * Prove what reached the component before now: an IQ from the component to the target's domain, answered
 * (a result or an error) in order with what the target routed to the component before it.
 */
export async function componentBarrier(ctx: CaseContext, s: Session): Promise<void> {
  const iq = xml(
    "iq",
    { type: "get", from: componentOf(ctx).domain, to: ctx.domain },
    xml("ping", { xmlns: NS.ping }),
  );
  await s.iq(iq);
}
