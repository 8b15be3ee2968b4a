// XEP-0198 §3, enabling stream management: the answer to <enable/>, what a resumable <enabled/> carries,
// the order (after binding) the server enforces, and a second <enable/>. XEP-0198 is optional: a target
// that does not offer <sm xmlns='urn:xmpp:sm:3'/> SKIPs.
import { Violation } from "../../harness/errors.ts";
import { authenticatedStream, enableSm, requireSm, section, sendEnable, smTrue } from "../kit/index.ts";

export default section("xep0198", "3", "Enabling Stream Management", [
  {
    id: "xep0198/3/enable-answered",
    title: "the server answers <enable/> with <enabled/> or <failed/>",
    requirements: ["XEP0198-3-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      requireSm(ctx, alice);
      const answer = await sendEnable(alice).catch((err: Error) => {
        throw new Violation(`no <enabled/> or <failed/> answered <enable/>: ${err.message}`);
      });
      ctx.note(`<enable/> answered <${answer.name}/>`);
    },
  },
  {
    id: "xep0198/5/enabled-resume-carries-id",
    title: "an <enabled/> that allows resumption says resume='true' or '1' and carries an SM-ID",
    requirements: ["XEP0198-5-2", "XEP0198-3-4", "XEP0198-5-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      requireSm(ctx, alice);
      const answer = await sendEnable(alice, { resume: "true" });
      ctx.require(answer.name === "enabled", `<enable resume='true'/> was answered <${answer.name}/>`);
      const resume = answer.attrs.resume;
      ctx.require(resume !== undefined, "the target grants no resumption (XEP-0198 §5 allows that)");
      if (!smTrue(resume)) throw new Violation(`<enabled/> has resume='${resume}', neither 'true' nor '1'`);
      if (!answer.attrs.id) throw new Violation("<enabled resume='true'/> carries no 'id' (the SM-ID)");
    },
  },
  {
    id: "xep0198/3/resume-one-means-true",
    title: "<enable resume='1'/> asks for resumption as resume='true' does (both boolean forms)",
    requirements: ["XEP0198-3-1"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      // the server's answer to 'true' says whether it grants resumption at all
      await enableSm(ctx, alice, { resume: true });
      requireSm(ctx, bob);
      const answer = await sendEnable(bob, { resume: "1" });
      if (answer.name !== "enabled" || !smTrue(answer.attrs.resume))
        throw new Violation(
          `resume='true' was granted, but <enable resume='1'/> was answered ${answer.toString().slice(0, 200)}`,
        );
    },
  },
  {
    id: "xep0198/3/enable-before-bind-failed",
    title: "an <enable/> after authentication but before resource binding is answered <failed/>",
    requirements: ["XEP0198-3-9", "XEP0198-6-1", "XEP0198-6-3"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await authenticatedStream(ctx, ctx.account("alice"), "unbound");
      requireSm(ctx, s);
      const answer = await sendEnable(s).catch((err: Error) => {
        if (s.streamError) return undefined; // ending the stream is a refusal too, though not the one asked
        throw err;
      });
      if (answer?.name === "enabled")
        throw new Violation("the server enabled stream management before a resource was bound");
      if (!answer) throw new Violation("the server ended the stream instead of answering <failed/>");
      // §6: a stream-management error is recoverable: the stream goes on to resource binding
      const bound = await s.bind().then(
        () => true,
        () => false,
      );
      ctx.should(bound, "after <failed/> to an early <enable/>, binding a resource on the stream failed");
    },
  },
  {
    id: "xep0198/3/enable-before-auth-failed",
    title: "an <enable/> before authentication is answered <failed/>, never <enabled/>",
    requirements: ["XEP0198-3-9", "XEP0198-6-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      // the feature is offered after authentication only: alice's stream says whether the target has it
      requireSm(ctx, alice);
      const s = await ctx.setUp("open a stream (TLS, no SASL)", () =>
        ctx.openSecured({ label: "anonymous" }),
      );
      const answer = await sendEnable(s).catch((err: Error) => {
        if (s.streamError || s.closed || s.streamEnded) return undefined;
        throw err;
      });
      if (answer?.name === "enabled")
        throw new Violation("the server enabled stream management on a stream that has not authenticated");
      if (!answer) throw new Violation("the server ended the stream instead of answering <failed/>");
    },
  },
  {
    id: "xep0198/3/second-enable-stream-error",
    title: "a second <enable/> on the stream is answered with a stream error",
    requirements: ["XEP0198-3-11"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await enableSm(ctx, alice);
      const again = await sendEnable(alice).catch(() => undefined);
      const ended = alice.streamError !== undefined;
      ctx.should(
        ended,
        `a second <enable/> was answered ${again ? `<${again.name}/>` : "with nothing"}, not a stream error`,
      );
    },
  },
  {
    id: "xep0198/5/sm-id-length",
    title: "the SM-ID is no longer than 4000 bytes",
    requirements: ["XEP0198-5-7"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const on = await enableSm(ctx, alice, { resume: true });
      const bytes = Buffer.byteLength(on.id ?? "", "utf8");
      ctx.should(bytes <= 4000, `the SM-ID is ${bytes} bytes long`);
    },
  },
  {
    id: "xep0198/5/sm-ids-differ",
    title: "two stream-management sessions get different SM-IDs",
    requirements: ["XEP0198-5-6"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const a = await enableSm(ctx, alice, { resume: true });
      const b = await enableSm(ctx, bob, { resume: true });
      if (a.id === b.id) throw new Violation(`both sessions got the SM-ID '${a.id}'`);
    },
  },
]);
