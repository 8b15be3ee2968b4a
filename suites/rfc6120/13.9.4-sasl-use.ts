// RFC 6120 §13.9.4 Use of SASL: a server that allows password-based authentication enforces minimal
// criteria for password strength. Provisioning is out of RFC 6120's scope, so where the server provisions
// accounts itself (in-band registration, XEP-0077) is where the criteria show.
import { stanzaError } from "../../harness/match.ts";
import { type Element, registerWith, section } from "../kit/index.ts";

/** A password no minimal criteria admit: one character, a digit. */
const WEAK = "1";
/** One any criteria admit: long, mixed classes, fresh each time. */
const STRONG = () => `Xs-${Math.random().toString(36).slice(2, 12)}-Pw9!${Date.now().toString(36)}`;

const condition = (reply: Element) => stanzaError(reply)?.condition ?? "no condition";

export default section("rfc6120", "13.9.4", "Use of SASL", [
  {
    id: "rfc6120/13.9.4/weak-password-refused-at-registration",
    title: "in-band registration with a one-character password is refused (minimal password strength)",
    requirements: ["RFC6120-13.9.4-4"],
    needs: ["registration"],
    async run(ctx) {
      const { reply } = await registerWith(ctx, WEAK);
      if (reply.attrs.type === "error") {
        // a refusal counts only where a strong password is taken: registration may be closed to all
        const strong = await registerWith(ctx, STRONG());
        ctx.require(
          strong.reply.attrs.type === "result",
          `the target refuses in-band registration whatever the password (<${condition(strong.reply)}/>)`,
        );
        ctx.note(`the weak password was refused (<${condition(reply)}/>), a strong one taken`);
        return;
      }
      // §13.9.4 "SHOULD enforce minimal criteria for password strength": a miss is a WARN
      ctx.should(false, `an account was registered with the password '${WEAK}' (one character)`);
    },
  },
]);
