// The HTML reports in a real browser (Debian's headless Chromium via playwright-core): the matrix renders,
// a click on a cell shows that target's wire log of that case, and the page fetches nothing but itself.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { expect } from "chai";
import { type Browser, chromium, type Page } from "playwright-core";
import type { CaseResult, RunResults } from "../harness/results.ts";
import { wireLog } from "../reports/model.ts";
import { type ReportRuns, reportRuns } from "./reports-support.ts";

const read = (f: string): RunResults => JSON.parse(readFileSync(f, "utf8"));

/** Opens the file with every request recorded and any request but the file itself refused. */
async function open(browser: Browser, file: string): Promise<{ page: Page; requests: string[] }> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
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
});
