// The HTML reports in a real browser (Debian's headless Chromium via playwright-core): each opens on what
// needs attention, filters by verdict, section and text, a click shows a wire log (packed PASS logs
// inflated by the page's script), and the page fetches nothing but itself and breaks no CSP rule.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { expect } from "chai";
import { type Browser, chromium, type Page } from "playwright-core";
import type { CaseResult, RunResults } from "../harness/results.ts";
import { wireLog } from "../reports/model.ts";
import { type ReportRuns, reportRuns } from "./reports-support.ts";

const read = (f: string): RunResults => JSON.parse(readFileSync(f, "utf8"));

/**
 * Opens the file with every request recorded and any request but the file itself refused; `requests`
 * also collects console errors (a CSP violation is one) and script errors.
 */
async function open(browser: Browser, file: string): Promise<{ page: Page; requests: string[] }> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => m.type() === "error" && requests.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => requests.push(`error: ${e.message}`));
  await page.route("**/*", (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url);
  return { page, requests };
}

describe("HTML reports in a browser", function () {
  this.timeout(120_000);
  let runs: ReportRuns;
  let browser: Browser;

  before(async () => {
    [runs, browser] = await Promise.all([
      reportRuns(),
      chromium.launch({ executablePath: "/usr/bin/chromium" }),
    ]);
  });
  after(async () => {
    await browser?.close();
  });

  it("the matrix lays every case against every target; a click shows that target's wire log", async () => {
    expect(runs.matrix.run.code, runs.matrix.run.stderr).to.equal(0);
    const docs = [runs.clean, runs.faulted, runs.secretRun].map(read);
    const { page, requests } = await open(browser, runs.matrix.html);
    const ids = new Set(docs.flatMap((d) => d.results.map((r) => r.id)));
    expect(await page.locator("#matrix a.v").count()).to.equal(
      docs.reduce((n, d) => n + d.results.length, 0),
    );
    expect(await page.locator("#matrix tr.section").count()).to.be.greaterThan(1);
    const heads = await page.locator("#matrix tr").first().locator("th").allInnerTexts();
    expect(heads.slice(2)).to.have.length(3);

    // a FAIL cell of the faulted run (column 1): its log is hidden until clicked, then it is that log
    const fail = docs[1].results.find((r) => r.verdict === "FAIL") as CaseResult;
    const row = page.locator("#matrix tr", { has: page.locator(`code:text-is("${fail.id}")`) });
    expect(ids.has(fail.id)).to.equal(true);
    const cell = row.locator("td").nth(3).locator("a");
    expect(await cell.textContent()).to.equal("FAIL");
    const panelId = ((await cell.getAttribute("href")) ?? "").slice(1);
    const panel = page.locator(`[id="${panelId}"]`);
    expect(await panel.isVisible()).to.equal(false);
    await cell.click();
    await panel.waitFor({ state: "visible" });
    expect(await panel.locator("code").textContent()).to.equal(fail.id);
    expect((await panel.locator("pre").textContent())?.trim()).to.equal(wireLog(fail).trim());
    // "close" hides the log and goes back to the case's row
    await panel.locator("a", { hasText: "close" }).click();
    await panel.waitFor({ state: "hidden" });
    expect(await page.evaluate("location.hash")).to.equal(`#${await row.getAttribute("id")}`);
    // the clean run's cell of the same case opens the clean run's log, not the faulted one
    const passCell = row.locator("td").nth(2).locator("a");
    expect(await passCell.textContent()).to.equal("PASS");
    await passCell.click();
    const clean = docs[0].results.find((r) => r.id === fail.id) as CaseResult;
    const cleanPanel = page.locator(`[id="${((await passCell.getAttribute("href")) ?? "").slice(1)}"]`);
    await cleanPanel.waitFor({ state: "visible" });
    // a PASS log is packed in the page and inflated when opened
    await cleanPanel.locator("pre").waitFor({ state: "visible" });
    expect((await cleanPanel.locator("pre").textContent())?.trim()).to.equal(wireLog(clean).trim());
    expect(requests).to.deep.equal([pathToFileURL(runs.matrix.html).href]);
  });

  it("the report of one run shows the summary, a table per section and each case's quotes, message and log", async () => {
    const doc = read(runs.faulted);
    const { page, requests } = await open(browser, runs.runReports.html);
    const s = doc.summary;
    expect(await page.locator("#summary").textContent()).to.contain(`${s.total} cases`);
    const sections = new Set(doc.results.map((r) => `${r.suite} ${r.section}`));
    expect(await page.locator("table.cases").count()).to.equal(sections.size);
    const fail = doc.results.find((r) => r.verdict === "FAIL") as CaseResult;
    const row = page.locator(`tr[id="${fail.id}"]`);
    const log = row.locator("pre.wire");
    expect(await log.isVisible()).to.equal(false);
    await row.locator("summary").click();
    await log.waitFor({ state: "visible" });
    expect((await log.textContent())?.trim()).to.equal(wireLog(fail).trim());
    const details = await row.locator("details").textContent();
    expect(details).to.contain(fail.message?.split("\n")[0]);
    expect(details).to.contain(fail.requirements[0]);
    expect(requests).to.deep.equal([pathToFileURL(runs.runReports.html).href]);
  });

  it("the matrix opens on the rows where targets differ; its filters hide rows by verdict, section and text", async () => {
    const docs = [runs.clean, runs.faulted, runs.secretRun].map(read);
    const { page, requests } = await open(browser, runs.matrix.html);
    const verdicts = new Map<string, string[]>();
    for (const d of docs)
      for (const r of d.results) verdicts.set(r.id, [...(verdicts.get(r.id) ?? []), r.verdict]);
    const differ = [...verdicts].filter(([, vs]) => new Set(vs).size > 1).map(([id]) => id);
    expect(differ).to.not.be.empty;
    const attention = page.locator("#attention tr[data-v]");
    const shown = await attention.locator("code").allTextContents();
    // the rows where targets differ come first, and nothing else differs
    expect(new Set(shown.slice(0, differ.length))).to.deep.equal(new Set(differ));
    for (const id of shown.slice(differ.length)) expect(new Set(verdicts.get(id)).size).to.equal(1);
    // the attention list comes before the full matrix, and its cells open the same logs
    const [top, matrix] = await Promise.all(
      ["#attention", "#matrix"].map((s) => page.locator(s).boundingBox()),
    );
    expect(top?.y).to.be.lessThan(matrix?.y ?? 0);
    const cell = attention.first().locator("a.v").first();
    await cell.click();
    const panel = page.locator(`[id="${((await cell.getAttribute("href")) ?? "").slice(1)}"]`);
    await panel.locator("pre").waitFor({ state: "visible" });
    // "close" goes back to the attention row it was opened from
    await panel.locator("a", { hasText: "close" }).click();
    expect(await page.evaluate("location.hash")).to.equal(`#${await attention.first().getAttribute("id")}`);

    const rows = page.locator("#matrix tr[data-v]");
    const total = await rows.count();
    await page.locator('#filters input[value="PASS"]').uncheck();
    const visible = page.locator("#matrix tr[data-v]:visible");
    expect(await visible.count()).to.equal(
      [...verdicts.values()].filter((vs) => vs.some((v) => v !== "PASS")).length,
    );
    await page.locator('#filters input[value="PASS"]').check();
    expect(await visible.count()).to.equal(total);
    await page.locator("#filters input[name=q]").fill(differ[0]);
    expect(await visible.locator("code").allTextContents()).to.deep.equal([differ[0]]);
    await page.locator("#filters input[name=q]").fill("");
    const section = await page.locator("#filters select option").nth(1).getAttribute("value");
    await page.locator("#filters select").selectOption(section ?? "");
    const inSection = await Promise.all((await visible.all()).map((r) => r.getAttribute("data-s")));
    expect(inSection).to.not.be.empty;
    expect(new Set(inSection)).to.deep.equal(new Set([section]));
    expect(await page.locator("#matrix tr[data-group]:visible").count()).to.equal(1);
    expect(requests).to.deep.equal([pathToFileURL(runs.matrix.html).href]);
  });

  it("the report of one run opens on every case that is not PASS, FAIL first, and filters its rows", async () => {
    const doc = read(runs.faulted);
    const { page, requests } = await open(browser, runs.runReports.html);
    const notPass = doc.results.filter((r) => r.verdict !== "PASS");
    const attention = page.locator("#attention tr[data-v]");
    expect(await attention.count()).to.equal(notPass.length);
    expect(await attention.first().getAttribute("data-v")).to.equal("FAIL");
    const first = notPass.find((r) => r.verdict === "FAIL") as CaseResult;
    expect(await attention.first().locator("code").textContent()).to.equal(first.id);
    expect(await attention.first().textContent()).to.contain(first.message?.split("\n")[0]);
    // its link goes to the case's row and opens its details there
    await attention.first().locator("a").click();
    const log = page.locator(`tr[id="${first.id}"] pre.wire`);
    await log.waitFor({ state: "visible" });
    expect((await log.textContent())?.trim()).to.equal(wireLog(first).trim());

    // a PASS case's details are packed in the page and open all the same
    const pass = doc.results.find((r) => r.verdict === "PASS") as CaseResult;
    const passRow = page.locator(`tr[id="${pass.id}"]`);
    await passRow.locator("summary").click();
    await passRow.locator("pre.wire").waitFor({ state: "visible" });
    expect((await passRow.locator("pre.wire").textContent())?.trim()).to.equal(wireLog(pass).trim());
    expect(await passRow.locator("blockquote").count()).to.equal(pass.requirements.length);

    // without PASS, only the other cases' rows and the sections that hold them remain
    await page.locator('#filters input[value="PASS"]').uncheck();
    expect(await page.locator("table.cases tr[data-v]:visible").count()).to.equal(notPass.length);
    expect(await passRow.isVisible()).to.equal(false);
    const sections = new Set(notPass.map((r) => `${r.suite} ${r.section}`));
    expect(await page.locator("section[data-group]:visible").count()).to.equal(sections.size);
    await page.locator("#filters input[name=q]").fill(pass.id);
    expect(await page.locator("tr[data-v]:visible").count()).to.equal(0);
    await page.locator('#filters input[value="PASS"]').check();
    expect(await page.locator("table.cases tr[data-v]:visible").count()).to.equal(1);
    expect(requests).to.deep.equal([pathToFileURL(runs.runReports.html).href]);
  });
});
