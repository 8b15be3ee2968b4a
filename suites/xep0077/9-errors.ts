// XEP-0077 §9: a server "MUST support both old-style and new-style error handling". Whether its errors
// must also carry the legacy 'code' is a reading RFC 6120 (whose <error/> has none) does not share; both
// readings agree on the new style: a defined condition, and a legacy code, where given, that names it.
import { Violation } from "../../harness/errors.ts";
import { assertStanzaError, clip, offeredForm, registerSet, section } from "../kit/index.ts";

/** XEP-0086's code for each condition a registration error uses. */
const LEGACY_CODES: Record<string, string> = {
  "bad-request": "400",
  conflict: "409",
  forbidden: "403",
  "not-acceptable": "406",
  "not-allowed": "405",
  "not-authorized": "401",
  "service-unavailable": "503",
};

export default section("xep0077", "9", "Error Handling", [
  {
    id: "xep0077/9/errors-new-style",
    title: "a registration error carries a defined condition, and a legacy 'code', if any, that matches it",
    requirements: ["XEP0077-9-1"],
    needs: ["registration"],
    async run(ctx) {
      const { s } = await offeredForm(ctx);
      const reply = await s.iq(registerSet({ password: "xmppspec-no-username" }, ctx.domain));
      ctx.require(reply.attrs.type === "error", "the target accepted a registration without a username");
      const condition = assertStanzaError(reply, Object.keys(LEGACY_CODES), reply.attrs.id);
      const code = reply.getChild("error")?.attrs.code;
      if (code !== undefined && code !== LEGACY_CODES[condition])
        throw new Violation(
          `the legacy code '${code}' does not match <${condition}/> (XEP-0086 says ${LEGACY_CODES[condition]}): ${clip(reply)}`,
        );
    },
  },
]);
