// XEP-0280 §5.1: a carbons <disable/> from a user of another server should be refused with <not-allowed/>
// (the scenario is §4.1's, in 4.1-enabling-errors.ts).
import { section } from "../kit/index.ts";
import { remoteCase } from "./4.1-enabling-errors.ts";

export default section("xep0280", "5.1", "Recommended Error Conditions", [remoteCase("disable")]);
