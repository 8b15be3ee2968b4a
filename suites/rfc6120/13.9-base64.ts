// RFC 6120 §13.9.1: base64 in SASL is verified, never ignored — right PLAIN credentials in base64 that
// carries a foreign character or inner padding are rejected. (The §6.3.5 rows are in 6.3-sasl-rules.ts.)
import { badBase64Cases, insertMiddle, section } from "../kit/index.ts";

export default section("rfc6120", "13.9", "Mitigation of Recognized Threats", [
  ...badBase64Cases([
    {
      // §13.9.1 "MUST reject (not ignore)" decides the rejection; §6.4.5 and §6.5.5 the condition.
      id: "rfc6120/13.9.1/base64-foreign-character",
      title:
        "right PLAIN credentials whose base64 carries a character outside the alphabet ('!') fail with <incorrect-encoding/>",
      requirements: ["RFC6120-13.9.1-2", "RFC6120-13.9.1-1", "RFC6120-6.3.5-2", "RFC6120-6.4.5-1"],
      corrupt: (good) => insertMiddle(good, "!"),
      grade: "condition",
    },
    {
      id: "rfc6120/13.9.1/base64-inner-padding",
      title: "right PLAIN credentials followed by '=' and more data (as in 'BBBB=CCC') are rejected",
      requirements: ["RFC6120-13.9.1-3", "RFC6120-13.9.1-1"],
      corrupt: (good) => (good.endsWith("=") ? `${good}AAAA` : `${good}=AAA`),
      grade: "rejected",
    },
  ]),
]);
