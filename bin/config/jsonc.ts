// JSON with comments and trailing commas, as tsconfig.json and biome.json allow: the starter that
// `xmppspec init` writes explains itself in comments.

/** The text with comments and trailing commas blanked out; every other character keeps its offset. */
export function stripJsonc(text: string): string {
  const out = [...text];
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let j = from; j < to; j++) if (out[j] !== "\n") out[j] = " ";
  };
  let lastComma = -1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      // skip the string, escapes included
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      i++;
      lastComma = -1;
    } else if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else {
      if (c === ",") lastComma = i;
      else if ((c === "}" || c === "]") && lastComma >= 0) blank(lastComma, lastComma + 1);
      else if (!/\s/.test(c)) lastComma = -1;
      i++;
    }
  }
  return out.join("");
}

/** Parses JSONC; a syntax error names its line and column. */
export function parseJsonc(text: string): unknown {
  const json = stripJsonc(text);
  try {
    return JSON.parse(json);
  } catch (err) {
    const message = (err as Error).message.split("\n")[0];
    const pos = /position (\d+)/.exec(message);
    if (!pos) throw new Error(message);
    const before = json.slice(0, Number(pos[1])).split("\n");
    throw new Error(
      `${message.replace(/ in JSON at position \d+.*$/, "")} at line ${before.length}, column ${before[before.length - 1].length + 1}`,
    );
  }
}
