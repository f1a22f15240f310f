// plankg serve's web page in a real browser: Debian's headless Chromium driven by
// playwright-core. Loads the query page, runs a shipped query and finds a known
// row, downloads the CSV, shows a syntax error, opens the plans, a plan and a
// concept page with its diagram, and takes screenshots.
//
//   PLANKG_URL=http://127.0.0.1:PORT node serve.test.mjs [SCREENSHOT_DIR]
//
// scripts/browser-test starts the server on the examples and runs this.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const base = process.env.PLANKG_URL;
if (!base) {
  console.error("serve.test.mjs: set PLANKG_URL to a running plankg serve");
  process.exit(2);
}
const shots = resolve(process.argv[2] || "screenshots");
mkdirSync(shots, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), "plankg-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  // What this machine's closed network and a root user need.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  acceptDownloads: true,
  viewport: { width: 1280, height: 900 },
  locale: "zh-CN",
});

const failures = [];
let step = "start";
async function check(name, body) {
  step = name;
  const started = Date.now();
  try {
    await body();
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failures.push(name);
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20000);
  // Nothing may come from anywhere but the server, and the page logs no error.
  const foreign = [];
  const errors = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  page.on("pageerror", (e) => errors.push(`${step}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${step}: ${m.text()}`);
  });

  await check("the query page loads with the shipped queries as a menu", async () => {
    const response = await page.goto(base + "/");
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-type"], /text\/html; charset=utf-8/);
    await page.waitForFunction(() => document.querySelectorAll("#shipped option").length > 5);
    const names = await page.$$eval("#shipped option", (os) => os.map((o) => o.value));
    assert.ok(names.includes("strategies-and-support"), names.join(" "));
    assert.ok(await page.locator("textarea#query").isVisible());
  });

  await check("a shipped query shows its help and finds a known row", async () => {
    await page.selectOption("#shipped", "strategies-and-support");
    const help = await page.locator("#help").innerText();
    assert.match(help, /Question/);
    assert.match(await page.inputValue("#query"), /pk:Strategy/);
    await page.click("#run");
    await page.waitForSelector("#result-table tbody tr");
    const header = await page.$$eval("#result-table th", (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(header.slice(0, 3), ["plan", "strategy", "supporter"]);
    const row = page.locator("#result-table tbody tr", { hasText: "农业农村现代化" }).filter({ hasText: "乡村振兴战略" }).filter({ hasText: "zhuzhou_2020_plenum" });
    assert.ok((await row.count()) >= 1, "no row zhuzhou_2020_plenum / 乡村振兴战略 / 农业农村现代化");
    assert.match(await page.locator("#status").innerText(), /\d+ rows in \d+ ms/);
  });

  await check("the results download as CSV", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#csv")]);
    assert.equal(download.suggestedFilename(), "strategies-and-support.csv");
    const csv = readFileSync(await download.path(), "utf8");
    assert.match(csv, /^plan,strategy,supporter/);
    assert.match(csv, /zhuzhou_2020_plenum,乡村振兴战略,农业农村现代化/);
  });

  await check("screenshot of the query page", async () => {
    await page.screenshot({ path: join(shots, "serve.png") });
  });

  await check("a malformed query shows the parser's message", async () => {
    await page.fill("#query", "SELECT ?s WHERE { ?s ?p ");
    await page.click("#run");
    const error = await page.waitForSelector(".error");
    assert.match(await error.innerText(), /400 .*SPARQL syntax error/);
  });

  await check("the plans page lists the plans with their metadata", async () => {
    await page.click("header nav >> text=Plans");
    await page.waitForSelector("table#plans");
    const row = page.locator("table#plans tr", { hasText: "zhuzhou_2020_plenum" });
    assert.match(await row.innerText(), /中国共产党株洲市第十二届委员会第十四次全体会议公报/);
    assert.match(await row.innerText(), /株洲市/);
  });

  await check("a plan page lists its concepts and draws its diagram", async () => {
    await page.click("a[href='/plan?id=zhuzhou_2020_plenum']");
    await page.waitForSelector("h1");
    assert.match(await page.locator("h1").innerText(), /株洲/);
    assert.ok((await page.locator(".diagram svg").count()) === 1, "no diagram");
  });

  await check("a concept page shows relations, mentions and its neighbourhood as SVG", async () => {
    await page.locator("ul.concepts a", { hasText: /^中国动力谷$/ }).first().click();
    await page.waitForSelector("h1");
    assert.equal(await page.locator("h1").innerText(), "中国动力谷");
    const svg = page.locator(".diagram svg");
    assert.equal(await svg.count(), 1);
    const box = await svg.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 50, `diagram ${JSON.stringify(box)}`);
    assert.match(await svg.innerHTML(), /中国动力谷/);
    assert.match(await page.locator(".mention").first().innerText(), /characters \d+–\d+/);
    assert.ok((await page.locator(".mention mark").count()) >= 1);
    await page.screenshot({ path: join(shots, "serve-concept.png") });
  });

  await check("an unknown concept suggests names that contain it", async () => {
    await page.fill("header input[name=name]", "动力");
    await page.press("header input[name=name]", "Enter");
    await page.waitForSelector("h1");
    assert.match(await page.locator("h1").innerText(), /No concept named/);
    assert.ok((await page.locator("ul.concepts a", { hasText: "中国动力谷" }).count()) >= 1);
  });

  await check("nothing came from elsewhere and no script failed", async () => {
    assert.deepEqual(foreign, []);
    // The 404 of the unknown concept is expected; nothing else.
    assert.deepEqual(errors.filter((e) => !/404/.test(e) && !/status of 400/.test(e)), []);
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failures.length) {
  console.log(`${failures.length} browser check(s) failed: ${failures.join("; ")}`);
  process.exit(1);
}
console.log(`browser checks passed; screenshots in ${shots}`);
