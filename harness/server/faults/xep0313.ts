// Faults of XEP-0313 (message archive management) and the XEP-0059 paging it uses: each breaks one rule
// on purpose so the xep0313 cases (and the archive model property) can prove they notice. The stanza
// layer applies them through stanza/fault-hooks-mam.ts.
import { spec } from "./spec.ts";

export const MAM_FAULTS = [
  spec(
    "mam-page-skips-item",
    "a page asked for with <after/> starts one item late: the item right after the given id is never returned",
    "XEP0059-2.2-14",
    "XEP0313-4.2-5",
  ),
  spec("mam-wrong-order", "returns the archive newest first", "XEP0313-4.2-5", "XEP0313-3.1-1"),
  spec(
    "mam-complete-early",
    "marks every page complete='true', the first of many included",
    "XEP0313-4.3.2-5",
  ),
  spec(
    "mam-modifies-message",
    "returns a stored message with its <body/> text changed",
    "XEP0313-3-2",
    "XEP0313-6.1.1-7",
  ),
  spec("mam-ignores-never-pref", "archives every message, whatever the preferences say", "XEP0313-8.1-4"),
  spec(
    "mam-other-archive-readable",
    "answers a query sent to another user's bare JID with that user's archive",
    "XEP0313-8.1-1",
    "XEP0313-8.1-3",
  ),
  spec(
    "mam-unknown-id-answered",
    "answers a page or a before-id/after-id naming an id not in the archive with an empty complete page",
    "XEP0313-4.3.2-3",
    "XEP0313-4.1.3-1",
    "XEP0059-2.4-1",
  ),
  spec("mam-no-stanza-id", "delivers archived messages without a <stanza-id/>", "XEP0313-3.5-1"),
  spec(
    "mam-stanza-id-spoofable",
    "keeps a <stanza-id/> the sender put in a message, claiming to be the recipient's archive",
    "XEP0313-3.5-2",
  ),
  spec(
    "mam-sent-not-archived",
    "archives only the messages a user receives, not those it sends",
    "XEP0313-6.1.1-1",
  ),
  spec("mam-with-ignored", "ignores the 'with' field: every message matches", "XEP0313-4.1.1-1"),
  spec("mam-time-ignored", "ignores the 'start' and 'end' fields", "XEP0313-4.1.2-2", "XEP0313-4.1.2-4"),
  spec("mam-queryid-dropped", "leaves the query's 'queryid' off the <result/> elements", "XEP0313-4.2-2"),
  spec("mam-fin-first", "sends the IQ result with <fin/> before the result messages", "XEP0313-4-3"),
  spec(
    "mam-stamp-shifted",
    "stamps each result's <delay/> an hour after the message came (local time written as UTC)",
    "XEP0313-4.2-4",
  ),
  spec(
    "mam-ids-repeat",
    "numbers each archive's items 0 to 9 over and over: ids repeat",
    "XEP0313-3-1",
    "XEP0313-6.2-1",
  ),
  spec(
    "mam-stanza-id-sender-archive",
    "also gives the recipient the <stanza-id/> of the sender's archive",
    "XEP0313-3.5-4",
  ),
  spec(
    "mam-empty-page-bounds",
    "an empty page's RSM <set/> carries empty <first/> and <last/>",
    "XEP0059-2.2-5",
  ),
  spec("mam-complete-missing", "never marks the <fin/> complete", "XEP0313-4.3.2-4"),
  spec(
    "mam-end-exclusive",
    "leaves out the messages stamped exactly at 'end'",
    "XEP0313-4.1.1-3",
    "XEP0313-4.1.2-4",
  ),
  spec("mam-extended-ids-ignored", "ignores the 'before-id', 'after-id' and 'ids' fields", "XEP0313-7-2"),
  spec("mam-form-wrong-types", "gives the form's 'with' field type text-single", "XEP0313-4.1.5-6"),
  spec("mam-max-ignored", "ignores the RSM <max/>", "XEP0313-4.3.1-1"),
  spec(
    "mam-rsm-count-missing",
    "leaves <count/> and the 'index' of <first/> out of the RSM <set/>",
    "XEP0059-2.2-8",
    "XEP0059-2.2-9",
  ),
  spec(
    "mam-metadata-wrong",
    "swaps the metadata's <start/> and <end/>; an empty archive's metadata has them, without ids",
    "XEP0313-5-1",
    "XEP0313-5-2",
  ),
  spec(
    "mam-bare-jid-query-refused",
    "refuses a query addressed to the user's own bare JID (only one without 'to' is answered)",
    "XEP0313-3.3.1-1",
  ),
  spec(
    "mam-set-bounds-wrong",
    "the <fin/>'s RSM <first/> and <last/> name the items around the page, not its first and last",
    "XEP0059-2.2-3",
    "XEP0313-4-2",
  ),
  spec(
    "mam-copy-per-resource",
    "stores a message to the bare JID once for each resource it is delivered to",
    "XEP0313-6.1.1-9",
  ),
  spec("mam-unknown-field-accepted", "ignores a form field it does not know", "XEP0313-4.1.5-8"),
  spec("mam-before-ignored", "treats <before/> like <after/> (pages forwards)", "XEP0059-2.3-2"),
  spec(
    "mam-index-ignored",
    "answers a page asked for by index from the start",
    "XEP0059-2.6-7",
    "XEP0059-2.6-8",
  ),
  spec("mam-fields-required", "marks the query form's fields <required/>", "XEP0313-4.1-5"),
  spec("mam-flip-ignored", "ignores <flip-page/>", "XEP0313-7-2"),
];
