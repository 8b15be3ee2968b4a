// RFC 6121 Appendix A.3: the four tables for subscription stanzas the user receives (36 rows), one case
// per row, e.g. rfc6121/A.3.4/to-plus-pending-in.
import { section } from "../kit/index.ts";
import { rowCase } from "./A-row.ts";
import { ROWS } from "./A-table.ts";

export default section(
  "rfc6121",
  "A.3",
  "Subscription States: Server Processing of Inbound Presence Subscription Stanzas",
  ROWS.filter((r) => !r.outbound).map(rowCase),
  { generated: true },
);
