// XEP-0313 §4.1.5 Retrieving form fields: the form holds the fields every server MUST support, of the
// types §4.1.5 names, none marked required (§4.1); 'ids', if offered, is open (§4.1.5); a field the
// server does not know is feature-not-implemented.
import { Violation } from "../../harness/errors.ts";
import type { Client, Element } from "../kit/index.ts";
import {
  assertStanzaError,
  clip,
  FRESH_ARCHIVE,
  mamAsk,
  NS_DATA,
  NS_MAM,
  requireMam,
  section,
  uid,
  xml,
} from "../kit/index.ts";

/** The form of §4.1.5, asked for with an IQ get. */
async function queryForm(client: Client): Promise<Element> {
  const reply = await client.iq(
    xml("iq", { type: "get", id: `form-${uid()}` }, xml("query", { xmlns: NS_MAM })),
  );
  if (reply.attrs.type !== "result")
    throw new Violation(`the form request was answered with an error: ${clip(reply)}`);
  const form = reply.getChild("query", NS_MAM)?.getChild("x", NS_DATA);
  if (!form) throw new Violation(`the answer to the form request holds no data form: ${clip(reply)}`);
  return form;
}

const fieldsOf = (form: Element) => form.getChildren("field");

export default section("xep0313", "4.1.5", "Retrieving form fields", [
  {
    id: "xep0313/4.1.5/form-mandatory-fields",
    title:
      "the query form holds FORM_TYPE urn:xmpp:mam:2, 'with' (jid-single), 'start' and 'end' (text-single)",
    requirements: ["XEP0313-4.1.5-1", "XEP0313-4.1.5-6", "XEP0313-4.1-1", "XEP0313-4.1-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireMam(ctx, alice);
      const fields = fieldsOf(await queryForm(alice));
      const type = fields.find((f) => f.attrs.var === "FORM_TYPE");
      if (type?.getChild("value")?.getText() !== NS_MAM)
        throw new Violation(
          `the form's FORM_TYPE is '${type?.getChild("value")?.getText() ?? "(none)"}', not ${NS_MAM}`,
        );
      for (const [name, want] of [
        ["with", "jid-single"],
        ["start", "text-single"],
        ["end", "text-single"],
      ]) {
        const f = fields.find((x) => x.attrs.var === name);
        if (!f) throw new Violation(`the form has no '${name}' field`);
        // XEP-0004 §3.2: a field without 'type' is text-single
        const got = f.attrs.type ?? "text-single";
        if (got !== want) throw new Violation(`the '${name}' field is of type '${got}', not '${want}'`);
      }
    },
  },
  {
    id: "xep0313/4.1.5/no-required-fields",
    title: "no field of the query form is marked <required/>; 'ids', if there, is open and lists no values",
    requirements: ["XEP0313-4.1-5", "XEP0313-4.1.5-3", "XEP0313-4.1.5-4"],
    needs: FRESH_ARCHIVE,
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireMam(ctx, alice);
      const fields = fieldsOf(await queryForm(alice));
      const required = fields.find((f) => f.getChild("required"));
      if (required) throw new Violation(`the form marks '${required.attrs.var ?? ""}' <required/>`);
      const ids = fields.find((f) => f.attrs.var === "ids");
      if (!ids) return;
      if (ids.getChildren("option").length > 0)
        throw new Violation("the 'ids' field lists the archive's ids as options");
      const validate = ids.getChild("validate", "http://jabber.org/protocol/xdata-validate");
      if (!validate?.getChild("open"))
        throw new Violation("the 'ids' field has no <validate/> with <open/> (§4.1.5)");
    },
  },
  {
    id: "xep0313/4.1.5/unknown-field",
    title: "a query with a form field the server does not know is answered feature-not-implemented",
    requirements: ["XEP0313-4.1.5-8"],
    needs: FRESH_ARCHIVE,
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireMam(ctx, alice);
      const reply = await mamAsk(alice, { fields: { "{urn:xmppspec:test}no-such-field": "x" } });
      assertStanzaError(reply, ["feature-not-implemented"]);
    },
  },
]);
