// RFC 6121 §3.3: the user unsubscribes from the contact's presence with 'unsubscribe'. Its cases mirror
// §3.2's and are rows of 3.2-3.3-mirror-table.ts; the stamping of its 'from' is a row of 3-stamped-bare.ts.
import { section } from "../kit/index.ts";
import { mirroredCases } from "./3.2-3.3-mirror-table.ts";

export default section("rfc6121", "3.3", "Unsubscribing", mirroredCases("3.3"));
