// RFC 6120 §4.7.3 (security warning): stream ids are unpredictable, not a counter. (Was §13's case;
// the lead may fold it into the §4.7 file.)

import { Violation } from "../../harness/errors.ts";
import { section } from "../kit/index.ts";

/**
 * Two ids from a counter differ only in a short run of digits. Strip what the ids share at both ends;
 * if what is left is numbers close together, the next id can be guessed.
 */
function predictable(ids: string[]): boolean {
  let pre = 0;
  while (ids.every((id) => id[pre] !== undefined && id[pre] === ids[0][pre])) pre++;
  let suf = 0;
  const at = (id: string, k: number) => id[id.length - 1 - k];
  while (ids.every((id) => id.length - suf > pre && at(id, suf) === at(ids[0], suf))) suf++;
  const rest = ids.map((id) => id.slice(pre, id.length - suf));
  if (!rest.every((r) => /^[0-9a-fA-F]{0,8}$/.test(r))) return false;
  // a prefix that ends in digits belongs to the counter too
  const digits = /[0-9a-fA-F]*$/.exec(ids[0].slice(0, pre))?.[0] ?? "";
  const nums = rest.map((r) => Number.parseInt(`${digits}${r}` || "0", 16));
  return Math.max(...nums) - Math.min(...nums) < 1000;
}

export default section("rfc6120", "4.7.3", "Stream ID", [
  {
    id: "rfc6120/4.7.3/stream-ids-unpredictable",
    title: "stream ids are not a counter: consecutive streams' ids differ by more than a small number",
    requirements: ["RFC6120-4.7.3-2"],
    async run(ctx) {
      const sessions = [];
      for (let i = 0; i < 3; i++) sessions.push(await ctx.open());
      const ids = sessions.map((s) => s.header.attrs.id ?? "");
      if (ids.some((id) => id === "")) ctx.skip("the target sends no stream id");
      if (predictable(ids)) throw new Violation(`stream ids look sequential: ${ids.join(", ")}`);
    },
  },
]);
