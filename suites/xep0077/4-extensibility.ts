// XEP-0077 §4: the jabber:iq:register fields are the schema's; a host that needs more uses a data form
// (XEP-0004) inside the query, with a hidden FORM_TYPE and fields for the iq:register ones.
import { Violation } from "../../harness/errors.ts";
import { clip, dataForm, formBeforeAuth, NS, queryOf, REGISTER_SCHEMA, section } from "../kit/index.ts";

export default section("xep0077", "4", "Extensibility", [
  {
    id: "xep0077/4/form-no-foreign-fields",
    title: "the registration form adds no field of its own to the jabber:iq:register namespace",
    requirements: ["XEP0077-4-2", "XEP0077-3.1-11"],
    needs: ["registration"],
    async run(ctx) {
      const { reply } = await formBeforeAuth(ctx);
      ctx.require(reply.attrs.type === "result", "the target answers the registration get with an error");
      const foreign = queryOf(reply)
        .getChildElements()
        .filter((c) => c.getNS() === NS.register && !REGISTER_SCHEMA.has(c.name));
      if (foreign.length)
        throw new Violation(
          `the form adds fields the schema lacks: ${foreign.map((c) => `<${c.name}/>`).join(" ")}`,
        );
    },
  },
  {
    id: "xep0077/4/data-form-standardised",
    title: "a data form in the registration form has a hidden FORM_TYPE and fields for username and password",
    requirements: ["XEP0077-4-4", "XEP0077-4-3"],
    needs: ["registration"],
    async run(ctx) {
      const { reply } = await formBeforeAuth(ctx);
      const form = dataForm(queryOf(reply));
      ctx.require(form !== undefined, "the registration form has no data form (XEP-0004 is optional here)");
      const fields = form?.getChildren("field") ?? [];
      const type = fields.find((f) => f.attrs.var === "FORM_TYPE");
      ctx.should(
        type?.attrs.type === "hidden",
        `the data form has no hidden FORM_TYPE field: ${clip(reply)}`,
      );
      const vars = new Set(fields.map((f) => f.attrs.var));
      const missing = ["username", "password"].filter((v) => !vars.has(v));
      ctx.should(missing.length === 0, `the data form has no field for ${missing.join(" and ")}`);
    },
  },
]);
