// Open the unzipped offline bundle from file:// in Debian's Firefox ESR (puppeteer-core over
// WebDriver BiDi), as a reader would, and print one JSON summary on stdout.
//
//   node tests/firefox/offline_check.mjs <folder with index.html> [search word]
//
// It reaches every page by clicking links from index.html, searches for a word, ticks a box of
// the checklist on signs.html, and records every request the pages make.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const folder = resolve(process.argv[2] ?? ".");
const query = process.argv[3] ?? "appreciate";
const executablePath = process.env.WORTH_FIREFOX || "/usr/bin/firefox-esr";

// A closed network: nothing in the background may call home (the profile is a fresh temporary one).
const quietPrefs = {
  "app.normandy.enabled": false,
  "app.update.auto": false,
  "app.update.enabled": false,
  "browser.discovery.enabled": false,
  "browser.newtabpage.activity-stream.feeds.section.topstories": false,
  "browser.newtabpage.activity-stream.feeds.system.topstories": false,
  "browser.ping-centre.telemetry": false,
  "browser.region.network.url": "",
  "browser.safebrowsing.downloads.remote.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.search.geoip.url": "",
  "browser.search.update": false,
  "captivedetect.canonicalURL": "",
  "datareporting.healthreport.uploadEnabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "extensions.getAddons.cache.enabled": false,
  "extensions.update.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "network.dns.disablePrefetch": true,
  "network.http.speculative-parallel-limit": 0,
  "network.prefetch-next": false,
  "network.trr.mode": 5,
  "remote-settings.server": "",
  "services.settings.server": "",
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.server": "",
};

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith(".html") ? [path] : [];
  });
}

const strip = (url) => url.split("#")[0];
const onDevice = (url) => ["file:", "data:", "blob:", "about:"].includes(new URL(url).protocol);
const settle = (ms) => new Promise((done) => setTimeout(done, ms));

const summary = {
  browser: null,
  pages: [],
  reached: [],
  unreached: [],
  no_heading: [],
  wrong_target: [],
  errors: [],
  search: { query, results: [], opened: null },
  checklist: { total: 0, before: null, after: null },
  requests: 0,
  off_device: [],
};

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  headless: true,
  protocol: "webDriverBiDi",
  extraPrefsFirefox: quietPrefs,
  defaultViewport: { width: 1280, height: 900 },
});

try {
  summary.browser = await browser.version();
  const page = await browser.newPage();
  page.on("request", (request) => {
    summary.requests += 1;
    if (!onDevice(request.url())) summary.off_device.push(request.url());
  });
  page.on("pageerror", (error) => summary.errors.push(`${page.url()}: ${error.message ?? error}`));

  // The browser's own record of what each page loaded also counts (it sees requests that fail
  // before the driver hears of them).
  const noteLoaded = async () => {
    const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name)).catch(() => []);
    for (const url of loaded) if (!onDevice(url) && !summary.off_device.includes(url)) summary.off_device.push(url);
  };
  const open = async (url) => {
    if (page.url().startsWith("file:")) await noteLoaded();
    await page.goto(url, { waitUntil: "load" });
    // The theme's and the site's scripts start after the first paint; the page marks when they have run.
    await page.waitForSelector("html[data-worth-ready]", { state: "attached", timeout: 15000 });
  };

  // Every page, reached by clicking links from index.html.
  const all = new Set(htmlFiles(folder).map((path) => pathToFileURL(path).href));
  summary.pages = [...all].sort();
  const start = pathToFileURL(join(folder, "index.html")).href;
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const source = queue.shift();
    await open(source);
    const hrefs = await page.$$eval("a[href]", (links) => links.map((a) => [a.getAttribute("href"), a.href.split("#")[0]]));
    for (const [href, target] of hrefs) {
      if (seen.has(target) || !all.has(target)) continue;
      const links = await page.$$(`a[href="${href}"]`);
      let visible = null;
      for (const link of links) {
        if (await link.isVisible()) { visible = link; break; }
      }
      const navigation = page.waitForNavigation({ waitUntil: "load" });
      if (visible) await visible.click();
      else await page.$eval(`a[href="${href}"]`, (a) => a.click()); // inside a closed menu
      await navigation;
      if (strip(page.url()) !== target) summary.wrong_target.push(`${href} on ${source} opened ${page.url()}`);
      if ((await page.$$("h1")).length === 0) summary.no_heading.push(target);
      seen.add(target);
      queue.push(target);
      await open(source);
    }
  }
  summary.reached = [...seen].sort();
  summary.unreached = summary.pages.filter((url) => !seen.has(url));

  // Search from index.html, then open the first result.
  await open(start);
  const button = await page.$("label[for='__search'].md-header__button");
  if (button && (await button.isVisible())) await button.click();
  else await page.click("input.md-search__input");
  await page.type("input.md-search__input", query, { delay: 30 });
  try {
    await page.waitForSelector(".md-search-result__item", { timeout: 15000 });
    await settle(300);
    summary.search.results = await page.$$eval(".md-search-result__link", (links) => links.map((a) => a.href));
    const navigation = page.waitForNavigation({ waitUntil: "load" });
    await page.click(".md-search-result__link");
    await navigation;
    summary.search.opened = page.url();
  } catch (error) {
    summary.search.meta = await page.$eval(".md-search-result__meta", (el) => el.textContent).catch(() => null);
    summary.errors.push(`search: ${error.message}`);
  }

  // Tick one box of the checklist on signs.html.
  await open(pathToFileURL(join(folder, "signs.html")).href);
  const boxes = await page.$$(".worth-checklist__items input[type=checkbox]");
  summary.checklist.total = boxes.length;
  summary.checklist.before = await page.$eval(".worth-checklist__count", (el) => el.textContent.trim());
  if (boxes.length) {
    const id = await boxes[0].evaluate((box) => box.id);
    await page.click(`label[for="${id}"]`);
    await page.waitForFunction(
      (before) => document.querySelector(".worth-checklist__count").textContent.trim() !== before,
      { timeout: 5000 }, summary.checklist.before,
    ).catch(() => {});
    summary.checklist.after = await page.$eval(".worth-checklist__count", (el) => el.textContent.trim());
    summary.checklist.checked = await boxes[0].evaluate((box) => box.checked);
  }
  await noteLoaded();
} catch (error) {
  summary.errors.push(`check stopped: ${error.stack ?? error}`);
} finally {
  await browser.close();
}

process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
