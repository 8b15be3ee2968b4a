// The one script of the HTML reports, allowed by the page's CSP through its hash: filters (verdict,
// section, text), opening a case's details when a link targets its row, inflating packed parts
// (packed.ts) and taking "close" of a matrix log back to the row it was opened from. It fetches nothing.
import { createHash } from "node:crypto";

export const SCRIPT = `(() => {
const all = (s, e = document) => [...e.querySelectorAll(s)];
const blocks = new Map();
function unpack(block) {
  if (!blocks.has(block)) {
    const bin = atob(document.getElementById("packed-" + block).textContent.trim());
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    blocks.set(block, new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).json());
  }
  return blocks.get(block);
}
// the packed parts are the writer's own escaped markup, as trusted as the rest of the page
async function fill(root) {
  for (const el of [root, ...all("[data-pack]", root)]) {
    if (el.dataset.pack === undefined) continue;
    const [block, i] = el.dataset.pack.split(".");
    const { html, logs } = await unpack(block);
    const pre = document.createElement("pre");
    pre.className = "wire";
    pre.textContent = logs[i];
    el.innerHTML = html[i];
    el.append(pre);
    el.removeAttribute("data-pack");
  }
}
document.addEventListener("toggle", (e) => { if (e.target.open) fill(e.target); }, true);
function target() {
  const el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!el) return;
  for (const d of all("details", el)) d.open = true;
  fill(el);
}
addEventListener("hashchange", target);
target();
let from;
document.addEventListener("click", (e) => {
  const cell = e.target.closest("a.v[href]");
  if (cell) from = cell.closest("tr")?.id;
  const close = e.target.closest(".log a.close");
  if (close && from) { e.preventDefault(); location.hash = from; }
});
const form = document.getElementById("filters");
if (!form) return;
const text = new WeakMap();
const words = (row) => {
  if (!text.has(row)) text.set(row, (row.textContent + all("[title]", row).map((t) => t.title).join(" ")).toLowerCase());
  return text.get(row);
};
function apply() {
  const verdicts = new Set(all("input[name=v]:checked", form).map((i) => i.value));
  const section = form.elements.section.value;
  const q = form.elements.q.value.trim().toLowerCase();
  for (const row of all("tr[data-v]")) {
    row.hidden = !(row.dataset.v.split(" ").some((v) => verdicts.has(v)) && (!section || row.closest("[data-s]").dataset.s === section) && (!q || words(row).includes(q)));
  }
  for (const group of all("[data-group]")) {
    const rows = group.tagName === "TR" ? rowsAfter(group) : all("tr[data-v]", group);
    group.hidden = !rows.some((r) => !r.hidden);
  }
  const shown = all("tr[data-v]:not([hidden])").length;
  document.getElementById("shown").textContent = shown + " rows shown";
}
function rowsAfter(head) {
  const rows = [];
  for (let r = head.nextElementSibling; r && !r.hasAttribute("data-group"); r = r.nextElementSibling) rows.push(r);
  return rows;
}
form.addEventListener("input", apply);
form.addEventListener("submit", (e) => e.preventDefault());
apply();
})();`;

/** The CSP source that lets exactly this script run. */
export const SCRIPT_HASH = `'sha256-${createHash("sha256").update(SCRIPT).digest("base64")}'`;
