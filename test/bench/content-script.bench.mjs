// Benchmark of the extension's content scripts: their size (budget 15 KB min+gzip each) and the work on a
// 40 KB LMS page (budget 5 ms of main-thread time, no forced layout). Loads the BUILT extension
// (dist/extension/chrome) in Debian's Chromium, opens a generated 40 KB Moodle course page under a
// MoodleCloud host name (so the script that runs is content-moodle.js, the build with only the Moodle
// adapter), and reads a performance trace: the time the renderer's main thread spent in the script
// (compile, evaluation, callbacks) and any layout that ran inside it. Two cases, because Chromium keeps no
// code cache for content scripts but does reuse compiled code within one renderer process: the page opened
// in a new tab (a fresh process: the script is compiled from scratch), and the next pages in the same tab (a
// teacher moving through the course). Then the new-tab loads again without tracing, by Chromium's own
// script-time count. Run: node test/bench/content-script.bench.mjs
import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const EXTENSION = path.resolve(process.env.KW_EXTENSION_DIR ?? 'dist/extension/chrome');
const LOADS = 20;
const HOST = 'bench.moodlecloud.com';
/** The same page under a host Kanswijzer does not run on, for the empty content script. */
const BASELINE_HOST = 'bench.example.org';
/** The content script the manifest gives MoodleCloud pages. */
const SCRIPT = 'content-moodle.js';

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (value) => `${value.toFixed(2)} ms`;

/** A realistic Moodle 4 course page of about 40 KB: weekly sections with summaries and activities (fictional). */
export function moodleCoursePage(targetBytes = 40_000) {
  const weeks = ['Kennismaken', 'Werken in de zorg', 'Communicatie', 'Hygiëne en veiligheid', 'Stage voorbereiden', 'Solliciteren', 'Op stage', 'Reflectie', 'Loopbaan', 'Burgerschap', 'Rekenen in de zorg', 'Taal in de zorg'];
  const activities = [['forum', 'Vragen over deze week'], ['assign', 'Opdracht: verslag'], ['page', 'Lesstof'], ['quiz', 'Oefentoets'], ['resource', 'Presentatie (pdf)'], ['url', 'Filmpje: een dag op de afdeling']];
  const sentences = [
    'In deze week werk je aan de beroepstaken uit het kwalificatiedossier.',
    'Bespreek je ervaringen met je studieloopbaanbegeleider en noteer wat je hebt geleerd.',
    'Lees het hoofdstuk in het lesboek en maak de vragen aan het eind van de paragraaf.',
    'Je stagebegeleider komt op bezoek om de voortgang met je praktijkopleider te bespreken.',
    'We oefenen gesprekken met cliënten en familie in kleine groepen.',
    'Let op: de deadline voor het inleveren is vrijdag om 17.00 uur.',
  ];
  let sections = '';
  let week = 0;
  while (sections.length < targetBytes - 3000) {
    const name = `Week ${week + 1}: ${weeks[week % weeks.length]}`;
    const summary = Array.from({ length: 4 }, (_, i) => sentences[(week + i) % sentences.length]).join(' ');
    const items = activities
      .map(([mod, label], i) => `<li class="activity ${mod} modtype_${mod}" id="module-${1000 + week * 10 + i}"><div class="activity-item"><div class="activityname"><a href="/mod/${mod}/view.php?id=${1000 + week * 10 + i}" class="aalink"><span class="instancename">${label} ${week + 1}</span></a></div><div class="activity-information" data-region="activity-information"><div class="completion-info">Markeren als voltooid</div></div><div class="activity-altcontent"><p>${sentences[(week + i + 2) % sentences.length]}</p></div></div></li>`)
      .join('');
    sections += `<li id="section-${week + 1}" class="section course-section main clearfix" role="region" aria-labelledby="sectionid-${week + 1}-title"><div class="course-section-header"><h3 class="sectionname" id="sectionid-${week + 1}-title"><a href="/course/section.php?id=${4400 + week}">${name}</a></h3></div><div class="summarytext"><p>${summary}</p></div><ul class="section m-0 p-0 img-text">${items}</ul></li>\n`;
    week++;
  }
  return `<!DOCTYPE html><html dir="ltr" lang="nl"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Cursus: Zorg en welzijn jaar 1 | Kompas College</title></head>
<body id="page-course-view-topics" class="format-topics path-course path-course-view chrome dir-ltr lang-nl pagelayout-course course-412 context-9120 editing-off">
<nav class="navbar fixed-top" aria-label="Sitenavigatie"><a class="navbar-brand" href="/">Kompas College ELO</a><div class="usermenu"><span class="userinitials">MD</span> Mirjam de Vos</div></nav>
<div id="page" class="container-fluid"><header id="page-header"><nav aria-label="Navigatiebalk"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/my/courses.php">Mijn cursussen</a></li></ol></nav><div class="page-header-headings"><h1 class="h2">Zorg en welzijn jaar 1</h1></div></header>
<div class="secondary-navigation"><nav class="moremenu"><a href="/course/view.php?id=412">Cursus</a> <a href="/user/index.php?id=412">Deelnemers</a> <a href="/grade/report/index.php?id=412">Cijfers</a></nav></div>
<div id="page-content"><section id="region-main" aria-label="Inhoud"><div role="main"><div class="course-content"><ul class="topics">${sections}</ul></div></div></section>
<aside data-region="blocks-column" aria-label="Blokken"><section class="block"><h5>Tijdlijn</h5><p>Geen activiteiten die aandacht vragen</p></section></aside></div></div>
<footer id="page-footer"><p>Je bent aangemeld als Mirjam de Vos</p></footer></body></html>`;
}

function contentScriptIntervals(events, script) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.args?.data?.url === script));
  if (!main) return { busy: [], layouts: 0 };
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number');
  const ours = onMain
    .filter((e) => (e.args?.data?.url ?? e.args?.data?.scriptName ?? e.args?.fileName ?? '') === script || (e.args?.data?.url ?? '').startsWith(script))
    .map((e) => [e.ts, e.ts + e.dur])
    .sort((a, b) => a[0] - b[0]);
  // Union of intervals: nested events (a callback inside an evaluation) count once.
  const busy = [];
  for (const [start, end] of ours) {
    const last = busy.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else busy.push([start, end]);
  }
  const layouts = onMain.filter((e) => (e.name === 'Layout' || e.name === 'UpdateLayoutTree') && busy.some(([s, t]) => e.ts >= s && e.ts + e.dur <= t)).length;
  return { busy, layouts };
}

async function main() {
  console.log('Content script sizes (budget 15 KB min+gzip each)');
  const scripts = readdirSync(EXTENSION).filter((name) => /^content(-[a-z0-9-]+)?\.js$/.test(name)).sort();
  for (const name of scripts) {
    const code = readFileSync(path.join(EXTENSION, name));
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log(`  ${name.padEnd(30)} ${(code.length / 1024).toFixed(1).padStart(5)} KB minified, ${(gzip / 1024).toFixed(2).padStart(5)} KB min+gzip (${gzip <= 15 * 1024 ? 'within' : 'OVER'})`);
  }

  const page = moodleCoursePage();
  console.log(`\nTest page: generated Moodle course, ${(Buffer.byteLength(page) / 1024).toFixed(1)} KB of HTML`);
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    pipe: true,
    enableExtensions: true,
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${HOST} 127.0.0.1:${port}, MAP ${BASELINE_HOST} 127.0.0.1:${port}, MAP * ~NOTFOUND`],
    targetFilter: (target) => target.type() !== 'service_worker',
  });
  // A content script that does nothing, on the same page served under another host name: what any content
  // script costs the browser (its isolated world and extension bindings), so Kanswijzer's own share can be
  // told apart. Both extensions stay installed and the loads alternate, so both see the machine in the same
  // state (this bench's numbers drift by a third between runs when measured one after the other).
  const baselineDir = mkdtempSync(path.join(tmpdir(), 'kw-baseline-'));
  writeFileSync(path.join(baselineDir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'baseline', version: '1', content_scripts: [{ matches: [`*://${BASELINE_HOST}/*`], js: ['noop.js'], run_at: 'document_idle' }] }));
  writeFileSync(path.join(baselineDir, 'noop.js'), 'void chrome.runtime.id;\n');
  try {
    const baselineId = await browser.installExtension(baselineDir);
    const extensionId = await browser.installExtension(EXTENSION);
    const subjects = [
      { name: 'ours', host: HOST, script: `chrome-extension://${extensionId}/${SCRIPT}` },
      { name: 'empty', host: BASELINE_HOST, script: `chrome-extension://${baselineId}/noop.js` },
    ];
    // Let the extension finish its install work (reading and indexing the catalog) before measuring.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    /**
     * Traces LOADS page loads per subject, alternating, each in a new tab or each subject in its own tab; a
     * subject's first load only warms caches and is left out.
     */
    const measure = async ({ sameTab }) => {
      const results = { ours: { totals: [], layouts: 0 }, empty: { totals: [], layouts: 0 } };
      const tabs = new Map();
      for (let run = 0; run < LOADS + 1; run++) {
        for (const subject of subjects) {
          let tab = sameTab ? tabs.get(subject.name) : undefined;
          if (!tab) {
            tab = await browser.newPage();
            if (sameTab) tabs.set(subject.name, tab);
          }
          const session = await tab.createCDPSession();
          const events = [];
          session.on('Tracing.dataCollected', ({ value }) => events.push(...value));
          const done = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
          await session.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
          // A different address each time, so the same tab really loads a new document.
          await tab.goto(`http://${subject.host}/course/view.php?id=412&load=${run}`, { waitUntil: 'load' });
          // Content scripts run at document_idle; this leaves them time to finish, reads included.
          await new Promise((r) => setTimeout(r, 800));
          await session.send('Tracing.end');
          await done;
          await session.detach();
          const { busy, layouts } = contentScriptIntervals(events, subject.script);
          if (run > 0) {
            results[subject.name].totals.push(busy.reduce((sum, [s, e]) => sum + (e - s), 0) / 1000);
            results[subject.name].layouts = Math.max(results[subject.name].layouts, layouts);
          }
          if (!sameTab) await tab.close();
        }
      }
      for (const tab of tabs.values()) await tab.close();
      return results;
    };

    console.log(`\nMain-thread time of ${SCRIPT} per page load (trace of ${LOADS} loads each, alternating with an empty content script: compile, run, callbacks)`);
    for (const [label, sameTab] of [
      ['opened in a new tab (fresh renderer, compiled from scratch)', false],
      ['next pages in the same tab (compiled code reused)', true],
    ]) {
      const { ours, empty } = await measure({ sameTab });
      const share = percentile(ours.totals, 50) - percentile(empty.totals, 50);
      console.log(`  ${label}:`);
      console.log(`    Kanswijzer: median ${ms(percentile(ours.totals, 50))}, p25 ${ms(percentile(ours.totals, 25))}, p95 ${ms(percentile(ours.totals, 95))}; an empty content script: median ${ms(percentile(empty.totals, 50))}`);
      console.log(`    Kanswijzer's own share: ${ms(share)} at the median (budget 5 ms: ${share <= 5 ? 'within' : 'OVER'})`);
      console.log(`    layouts run inside the content script: ${ours.layouts} (no forced layout: ${ours.layouts === 0 ? 'yes' : 'NO'})`);
    }

    // The same loads without tracing (which slows script down): Chromium's own count of script run time on the
    // page (ScriptDuration; compile not included), alternating the extension and the empty content script.
    const scriptTime = { ours: [], empty: [] };
    for (let run = 0; run < LOADS + 1; run++) {
      for (const subject of subjects) {
        const tab = await browser.newPage();
        const session = await tab.createCDPSession();
        await session.send('Performance.enable');
        await tab.goto(`http://${subject.host}/course/view.php?id=412&load=${run}`, { waitUntil: 'load' });
        await new Promise((r) => setTimeout(r, 800));
        const { metrics } = await session.send('Performance.getMetrics');
        if (run > 0) scriptTime[subject.name].push((metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000);
        await tab.close();
      }
    }
    console.log('\nScript run time per page load in a new tab, without tracing (Chromium ScriptDuration, compile not included)');
    console.log(`  Kanswijzer: median ${ms(percentile(scriptTime.ours, 50))}; empty content script: median ${ms(percentile(scriptTime.empty, 50))}; own share ${ms(percentile(scriptTime.ours, 50) - percentile(scriptTime.empty, 50))}`);
    console.log('  (extractContext alone, cold and warm: node test/bench/extract.browser.bench.mjs)');
  } finally {
    await browser.close();
    server.close();
    rmSync(baselineDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
