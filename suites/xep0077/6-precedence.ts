// XEP-0077 §6: which combinations of iq:register fields, a data form and an x:oob URL a host returns.
// Fields with a URL are NOT RECOMMENDED; fields with a data form that requires more than the fields hold
// SHOULD NOT be used (the form with instructions only is the combination for that).
import {
  clip,
  dataForm,
  formBeforeAuth,
  formFields,
  NS_OOB,
  queryOf,
  REGISTER_SCHEMA,
  section,
} from "../kit/index.ts";

export default section("xep0077", "6", "Precedence Order", [
  {
    id: "xep0077/6/fields-without-oob",
    title: "the registration form does not combine iq:register fields with an x:oob URL",
    requirements: ["XEP0077-6-9"],
    needs: ["registration"],
    async run(ctx) {
      const { reply } = await formBeforeAuth(ctx);
      const query = queryOf(reply);
      ctx.require(formFields(query).length > 0, "the registration form lists no iq:register fields");
      ctx.should(
        !query.getChild("x", NS_OOB),
        `the form combines iq:register fields with an x:oob URL: ${clip(reply)}`,
      );
    },
  },
  {
    id: "xep0077/6/data-form-no-extra-required-beside-fields",
    title: "a data form offered beside iq:register fields requires nothing the fields cannot carry",
    requirements: ["XEP0077-6-4"],
    needs: ["registration"],
    async run(ctx) {
      const { reply } = await formBeforeAuth(ctx);
      const query = queryOf(reply);
      const form = dataForm(query);
      ctx.require(
        form !== undefined && formFields(query).length > 0,
        "no data form beside iq:register fields",
      );
      const extra = (form?.getChildren("field") ?? []).filter(
        (f) => f.getChild("required") && !REGISTER_SCHEMA.has(f.attrs.var ?? ""),
      );
      ctx.should(
        extra.length === 0,
        `the data form requires fields the iq:register ones cannot carry (${extra.map((f) => f.attrs.var).join(", ")}), yet the fields are offered too`,
      );
    },
  },
]);
