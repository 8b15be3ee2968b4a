// RFC 6121 Appendix A.2: the four tables for subscription stanzas the user sends (36 rows), one case
// per row, e.g. rfc6121/A.2.1/none-plus-pending-out.
import { section } from "../kit/index.ts";
import { rowCase } from "./A-row.ts";
import { ROWS } from "./A-table.ts";

export default section(
  "rfc6121",
  "A.2",
  "Subscription States: Server Processing of Outbound Presence Subscription Stanzas",
  ROWS.filter((r) => r.outbound).map(rowCase),
  { generated: true },
);
