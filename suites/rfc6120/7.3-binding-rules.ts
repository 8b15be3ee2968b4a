// RFC 6120 §7.3: resource binding rules — binding is not followed by a stream restart.

import { Violation } from "../../harness/errors.ts";
import { afterSasl, clip, section } from "../kit/index.ts";

export default section("rfc6120", "7.3", "Resource Binding Rules", [
  afterSasl({
    id: "rfc6120/7.3.2/no-restart-after-bind",
    title: "after the bind result the target sends no new stream header or stream features",
    requirements: ["RFC6120-7.3.2-1", "RFC6120-15-3"],
    async run(_ctx, s) {
      const [header, features] = [s.header, s.features];
      await s.bind();
      await s.barrier();
      if (s.header !== header) throw new Violation("a new stream header came after binding");
      if (s.features !== features)
        throw new Violation(`new stream features came after binding: ${clip(s.features)}`);
    },
  }),
]);
