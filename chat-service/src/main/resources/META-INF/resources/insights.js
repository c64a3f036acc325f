// MoodLens insights page: the comprehensive, personality and predictive analyses of the signed-in user's
// journal (GET /v1/journal/analysis/{kind}, with the user's token), drawn with Chart.js, each chart with a
// text equivalent (a summary sentence as its label and a table). Texts from the journal are inserted as text.
"use strict";

(() => {
  const M = window.MoodLens;
  const { $, el } = M;
  const POLL_MS = 3000;
  const DAY_MS = 86400000;
  const TRAIT_NAMES = {
    openness: "Openness", conscientiousness: "Conscientiousness", extraversion: "Extraversion",
    agreeableness: "Agreeableness", neuroticism: "Neuroticism",
  };
  const charts = {};
  let data = null;
  let pollTimer = null;

  // ---- colours follow the page's light or dark scheme (CSS custom properties) ----------------------------

  function colour(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function emotionColour(emotion) {
    return colour("--emotion-" + (M.EMOTIONS.includes(emotion) ? emotion : "unknown"));
  }

  function chartDefaults() {
    const Chart = window.Chart;
    Chart.defaults.color = colour("--muted");
    Chart.defaults.borderColor = colour("--line");
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false; // drawn at once: no motion, and the page is complete when it says so
    Chart.defaults.maintainAspectRatio = false;
  }

  function draw(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new window.Chart($(id), config);
  }

  const dayOf = (iso) => Date.parse(iso.slice(0, 10) + "T00:00:00Z");
  const shortDate = (ms) => new Date(ms).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  const monthName = (month) => new Date(month + "-01T00:00:00Z").toLocaleDateString(undefined, { year: "numeric", month: "short", timeZone: "UTC" });

  // ---- loading and states ---------------------------------------------------------------------------------

  function showError(message) {
    $("insights-error").textContent = message || "";
    $("insights-error").hidden = !message;
  }

  function finish() {
    $("insights-loading").hidden = true;
    $("app").setAttribute("aria-busy", "false");
    // For the render-time command (./moodlens bench pages): when the page was complete.
    document.body.dataset.rendered = String(Math.round(performance.now()));
  }

  async function load() {
    clearTimeout(pollTimer);
    $("app").setAttribute("aria-busy", "true");
    let entries;
    try {
      entries = (await M.getJson("/v1/journal/entries?size=1")).total;
    } catch (e) {
      if (e.status === 404) {
        entries = 0; // no journal yet
      } else {
        if (e.status !== 401) showError("Your insights could not be loaded: " + e.message);
        finish();
        return;
      }
    }
    if (entries === 0) {
      $("insights-empty").hidden = false;
      $("insights").hidden = true;
      $("scoring").hidden = true;
      finish();
      return;
    }
    $("insights-empty").hidden = true;
    // A cold analysis first scores what is pending, which takes a while after a large import: meanwhile the
    // page shows how far the scoring is (the analyses answer once it is done).
    let waiting = true;
    const progress = async () => {
      if (!waiting) return;
      // an answer that comes after the analyses must not overwrite what they say (it would read "in progress")
      await showScoring(entries, undefined, () => waiting);
      if (waiting) pollTimer = setTimeout(progress, POLL_MS);
    };
    progress();
    const [comprehensive, personality, predictive] = await Promise.allSettled(
      ["comprehensive", "personality", "predictive"].map((kind) => M.getJson(`/v1/journal/analysis/${kind}`)));
    waiting = false;
    clearTimeout(pollTimer);
    const failed = [comprehensive, personality, predictive].filter((r) => r.status === "rejected").map((r) => r.reason);
    if (failed.some((f) => f.status === 401)) return;
    if (failed.length === 3 && failed.every((f) => f.status === 404)) {
      $("insights-empty").hidden = false;
      finish();
      return;
    }
    // The service's own words when it cannot answer (the analysis service or its database down, a timeout).
    showError(failed.length ? "Some insights could not be computed: " + [...new Set(failed.map((f) => f.message))].join("; ") : "");
    data = {
      comprehensive: comprehensive.value || null,
      personality: personality.value || null,
      predictive: predictive.value || null,
    };
    render();
    const basis = (data.comprehensive || data.personality || data.predictive || {}).basis;
    if (basis && basis.pendingEntries > 0) {
      // Scored later (the inference service was unavailable): say so, and reload once they are in.
      const poll = async () => {
        const pending = await showScoring(entries, basis);
        if (pending === 0) load();
        else pollTimer = setTimeout(poll, POLL_MS);
      };
      poll();
    } else {
      $("scoring").hidden = true;
    }
    finish();
  }

  /**
   * Shows how many entries are scored; returns how many are still pending (null when unknown). Shows nothing when
   * current() says, once the count is in, that the page has moved on.
   */
  async function showScoring(entries, basis, current = () => true) {
    try {
      const pending = (await M.getJson("/v1/journal/entries?pending=true&size=1")).total;
      if (!current()) return null;
      const box = $("scoring");
      if (pending === 0) {
        box.hidden = true;
        return 0;
      }
      const all = Math.max(entries, pending);
      $("scoring-text").textContent = basis
        ? `${pending} of ${all} entries are not scored yet (the mood reader may be unavailable); the charts show the ${basis.scoredEntries} scored ones and update when the rest are in.`
        : `Reading the mood of your entries: ${all - pending} of ${all} done. The insights appear when it is finished.`;
      $("scoring-bar").max = all;
      $("scoring-bar").value = all - pending;
      box.hidden = false;
      return pending;
    } catch (e) {
      return null;
    }
  }

  function render() {
    chartDefaults();
    $("insights").hidden = false;
    const { comprehensive, personality, predictive } = data;
    const basis = (comprehensive || personality || predictive).basis;
    if (basis && basis.disclaimer) $("disclaimer").textContent = basis.disclaimer;
    renderSummary(basis, comprehensive);
    renderMood(comprehensive, predictive);
    renderEmotions(comprehensive);
    renderTraits(personality);
    renderThemes(comprehensive);
    renderRisks(predictive);
  }

  // ---- summary ---------------------------------------------------------------------------------------------

  function renderSummary(basis, comprehensive) {
    const list = $("summary");
    const rows = [
      ["Entries", `${basis.entryCount}` + (basis.pendingEntries ? ` (${basis.pendingEntries} not scored yet)` : "")],
      ["From", basis.firstEntry ? M.writtenDate(basis.firstEntry) : "–"],
      ["To", basis.lastEntry ? M.writtenDate(basis.lastEntry) : "–"],
    ];
    const trend = comprehensive && comprehensive.sentimentTrend;
    if (trend) {
      rows.push(["Mean mood", M.signed(trend.overallMean)]);
      rows.push(["Change per week", trend.slopePerWeek === null || trend.slopePerWeek === undefined ? "–" : M.signed(trend.slopePerWeek, 3)]);
    }
    list.replaceChildren(...rows.flatMap(([term, value]) => {
      const box = el("div", "summary-item");
      box.append(el("dt", "muted small", term), el("dd", null, value));
      return [box];
    }));
  }

  // ---- mood over time and the forecast ------------------------------------------------------------------------

  function renderMood(comprehensive, predictive) {
    const trend = comprehensive ? comprehensive.sentimentTrend : null;
    const daily = trend ? trend.daily : [];
    const weekly = trend ? trend.weekly : [];
    const forecast = predictive ? predictive.forecast : null;
    const days = forecast && forecast.days ? forecast.days : [];
    const canvas = $("mood-chart");
    const accent = colour("--accent");
    const forecastColour = colour("--forecast");
    const point = (x, y) => ({ x, y });
    const datasets = [
      { label: "Daily mood", data: daily.map((d) => point(dayOf(d.start), d.mean)), showLine: false, pointRadius: 2,
        pointHoverRadius: 4, backgroundColor: colour("--daily"), borderColor: colour("--daily"), order: 3 },
      { label: "Weekly mean", data: weekly.map((w) => point(dayOf(w.start) + 3 * DAY_MS, w.mean)), borderColor: accent,
        backgroundColor: accent, borderWidth: 2.5, pointRadius: 0, tension: 0.25, order: 2 },
    ];
    if (days.length) {
      const band = (key) => days.map((d) => point(dayOf(d.date), d[key]));
      const start = dayOf(days[0].date) - DAY_MS / 2;
      datasets.push(
        { label: "Forecast: 95% interval", data: band("upper95"), fill: "+1", backgroundColor: colour("--band95"),
          borderWidth: 0, pointRadius: 0, order: 6 },
        { label: "lower95", data: band("lower95"), borderWidth: 0, pointRadius: 0, order: 6 },
        { label: "Forecast: 80% interval", data: band("upper80"), fill: "+1", backgroundColor: colour("--band80"),
          borderWidth: 0, pointRadius: 0, order: 5 },
        { label: "lower80", data: band("lower80"), borderWidth: 0, pointRadius: 0, order: 5 },
        { label: "Forecast (next 14 days)", data: days.map((d) => point(dayOf(d.date), d.mood)), borderColor: forecastColour,
          backgroundColor: forecastColour, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, order: 1 },
        { label: "Forecast starts", data: [point(start, -1), point(start, 1)], borderColor: colour("--muted"),
          borderDash: [2, 3], borderWidth: 1, pointRadius: 0, order: 7 });
    }
    // The axis spans the journal and the forecast, no more.
    const xs = datasets.flatMap((d) => d.data.map((p) => p.x));
    const bounds = xs.length ? { min: Math.min(...xs), max: Math.max(...xs) } : {};
    draw("mood-chart", {
      type: "line",
      data: { datasets },
      options: {
        parsing: false,
        normalized: true,
        interaction: { mode: "nearest", intersect: false },
        scales: {
          x: { type: "linear", ...bounds, ticks: { callback: (v) => shortDate(v), maxTicksLimit: 6, maxRotation: 0 } },
          y: { min: -1, max: 1, title: { display: true, text: "mood (−1 negative … +1 positive)" } },
        },
        plugins: {
          legend: { labels: { filter: (item) => !item.text.startsWith("lower"), boxWidth: 14 } },
          tooltip: { callbacks: { title: (items) => items.length ? shortDate(items[0].parsed.x) : "",
            label: (item) => `${item.dataset.label}: ${M.signed(item.parsed.y)}` } },
        },
      },
    });

    // Text equivalents: a sentence as the chart's label and above it, and a table of weeks and forecast days.
    let sentence;
    if (!daily.length) {
      sentence = "No scored entries yet, so there is no mood to draw.";
    } else {
      const last = weekly[weekly.length - 1];
      sentence = `Daily mood on ${daily.length} days from ${shortDate(dayOf(daily[0].start))} to `
        + `${shortDate(dayOf(daily[daily.length - 1].start))}; mean ${M.signed(trend.overallMean)}`
        + (trend.slopePerWeek !== null && trend.slopePerWeek !== undefined ? `, changing ${M.signed(trend.slopePerWeek, 3)} per week` : "")
        + (last ? `; the last week's mean is ${M.signed(last.mean)}.` : ".");
      if (days.length) {
        sentence += ` Forecast for the next ${days.length} days: from ${M.signed(days[0].mood)} to ${M.signed(days[days.length - 1].mood)}`
          + ` (80% interval on the last day ${M.signed(days[days.length - 1].lower80)} to ${M.signed(days[days.length - 1].upper80)}).`;
      }
    }
    $("mood-summary").textContent = sentence;
    canvas.setAttribute("aria-label", "Chart of mood over time. " + sentence);

    const note = $("forecast-note");
    if (!forecast) {
      note.textContent = "The forecast could not be computed.";
    } else if (!days.length) {
      note.textContent = `No forecast yet: ${forecast.note}.`;
    } else {
      note.textContent = "After the dotted line: a forecast, not a measurement. The dashed line is the expected mood; "
        + "the darker band holds 80% and the lighter band 95% of likely days. "
        + (forecast.reliable ? "" : "Rough: ") + capital(forecast.note) + ".";
    }
    const horizons = $("horizons");
    horizons.replaceChildren(...(predictive && predictive.horizons ? predictive.horizons : []).map((h) =>
      el("li", null, `Next ${h.days} days: mean ${M.signed(h.meanMood)} (80% interval ${M.signed(h.lower80)} to ${M.signed(h.upper80)})`)));

    const table = $("mood-table");
    const head = el("thead");
    head.append(row(["Week of / day", "Mood", "Entries or 80% interval", "95% interval"], "th"));
    const body = el("tbody");
    for (const w of weekly) body.append(row([`week of ${w.start}`, M.signed(w.mean), `${w.count} entr${w.count === 1 ? "y" : "ies"}`, ""]));
    for (const d of days) {
      body.append(row([`${d.date} (forecast)`, M.signed(d.mood), `${M.signed(d.lower80)} to ${M.signed(d.upper80)}`,
        `${M.signed(d.lower95)} to ${M.signed(d.upper95)}`]));
    }
    table.replaceChildren(el("caption", "visually-hidden", "Weekly mean mood and the forecast"), head, body);
  }

  function capital(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : "";
  }

  function row(cells, tag = "td") {
    const tr = el("tr");
    cells.forEach((text, i) => {
      const cell = el(i === 0 && tag === "td" ? "th" : tag, null, text);
      if (i === 0 && tag === "td") cell.scope = "row";
      if (tag === "th") cell.scope = "col";
      tr.append(cell);
    });
    return tr;
  }

  // ---- emotions by month ---------------------------------------------------------------------------------------

  function renderEmotions(comprehensive) {
    const months = comprehensive && comprehensive.emotions ? comprehensive.emotions.byMonth : [];
    const overall = comprehensive && comprehensive.emotions ? comprehensive.emotions.overall : [];
    const share = (month, emotion) => {
      const found = month.emotions.find((e) => e.emotion === emotion);
      return found ? Math.round(found.share * 1000) / 10 : 0;
    };
    const labels = [...new Set(overall.map((e) => e.emotion).concat(months.flatMap((m) => m.emotions.map((e) => e.emotion))))];
    draw("emotions-chart", {
      type: "bar",
      data: {
        labels: months.map((m) => monthName(m.month)),
        datasets: labels.map((emotion) => ({ label: emotion, data: months.map((m) => share(m, emotion)),
          backgroundColor: emotionColour(emotion), borderWidth: 0 })),
      },
      options: {
        scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } },
          y: { stacked: true, min: 0, max: 100, title: { display: true, text: "% of the month's entries" } } },
        plugins: { legend: { labels: { boxWidth: 14 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.parsed.y}%` } } },
      },
    });
    const top = overall.slice().sort((a, b) => b.count - a.count).slice(0, 3);
    const sentence = months.length
      ? `Top emotion of each entry, as a share of each month's entries, over ${months.length} month${months.length === 1 ? "" : "s"}. `
        + `Overall most frequent: ${top.map((e) => `${e.emotion} ${Math.round(e.share * 100)}%`).join(", ")}.`
      : "No scored entries yet.";
    $("emotions-summary").textContent = sentence;
    $("emotions-chart").setAttribute("aria-label", "Stacked bar chart of emotions by month. " + sentence);
    const head = el("thead");
    head.append(row(["Month", "Entries", ...labels], "th"));
    const body = el("tbody");
    for (const m of months) body.append(row([monthName(m.month), String(m.count), ...labels.map((e) => share(m, e) + "%")]));
    $("emotions-table").replaceChildren(el("caption", "visually-hidden", "Emotions by month, as a share of each month's entries"), head, body);
  }

  // ---- personality signals -----------------------------------------------------------------------------------

  function renderTraits(personality) {
    const traits = personality ? personality.traits : [];
    const name = (t) => TRAIT_NAMES[t.trait] || t.trait;
    draw("traits-chart", {
      type: "bar",
      data: {
        // Two-line labels: the name, then the confidence (fits a phone's width).
        labels: traits.map((t) => [name(t), `confidence ${Math.round(t.confidence * 100)}%`]),
        datasets: [{ label: "score (0–100)", data: traits.map((t) => Math.round(t.score)),
          // Paler bars for less confident traits.
          backgroundColor: traits.map((t) => withAlpha(colour("--accent"), 0.35 + 0.65 * t.confidence)), borderWidth: 0 }],
      },
      options: {
        indexAxis: "y",
        scales: { x: { min: 0, max: 100 } },
        plugins: { legend: { display: false } },
        onClick: (event, elements) => {
          if (elements.length) openEvidence(traits[elements[0].index].trait);
        },
      },
    });
    const sentence = traits.map((t) => `${name(t)} ${Math.round(t.score)} of 100, ${t.level}, confidence ${Math.round(t.confidence * 100)}%`).join("; ");
    $("traits-chart").setAttribute("aria-label", "Bar chart of personality signals. " + (sentence || "No traits yet."));

    $("traits").replaceChildren(...traits.map((t) => {
      const item = el("li", "trait");
      item.dataset.trait = t.trait;
      const head = el("div", "trait-head");
      const meter = el("meter");
      meter.min = 0;
      meter.max = 100;
      meter.value = t.score;
      meter.setAttribute("aria-label", `${name(t)} score`);
      head.append(el("strong", null, name(t)), meter,
        el("span", "small", `${Math.round(t.score)} · ${t.level} · confidence ${Math.round(t.confidence * 100)}%`));
      const evidence = t.evidence || [];
      const list = el("ol", "evidence");
      list.id = "evidence-" + t.trait;
      list.hidden = true;
      list.append(...evidence.map(evidenceItem));
      const toggle = el("button", "ghost small-button", evidence.length
        ? `Show the ${evidence.length} entr${evidence.length === 1 ? "y" : "ies"} behind it` : "No entries to show");
      toggle.type = "button";
      toggle.disabled = evidence.length === 0;
      toggle.setAttribute("aria-expanded", "false");
      toggle.setAttribute("aria-controls", list.id);
      toggle.addEventListener("click", () => {
        const open = list.hidden;
        list.hidden = !open;
        toggle.setAttribute("aria-expanded", String(open));
        toggle.textContent = open ? "Hide the entries" : `Show the ${evidence.length} entr${evidence.length === 1 ? "y" : "ies"} behind it`;
      });
      item.append(head, el("p", "small", t.summary), toggle, list);
      return item;
    }));
  }

  function openEvidence(trait) {
    const item = document.querySelector(`.trait[data-trait="${CSS.escape(trait)}"]`);
    if (!item) return;
    const toggle = item.querySelector("button");
    if (toggle.getAttribute("aria-expanded") !== "true") toggle.click();
    toggle.focus();
  }

  function withAlpha(hex, alpha) {
    const match = /^#([0-9a-f]{6})$/i.exec(hex);
    if (!match) return hex;
    const n = parseInt(match[1], 16);
    return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha.toFixed(2)})`;
  }

  /** An entry behind a finding: date, chips, the excerpt (as text), why it was picked, a link to the entry. */
  function evidenceItem(ref) {
    const item = el("li", "evidence-item");
    const meta = el("div", "chips");
    const time = el("time", "small muted", M.writtenDate(ref.writtenAt));
    time.dateTime = ref.writtenAt;
    meta.append(time);
    if (ref.mood !== null && ref.mood !== undefined) meta.append(M.moodChip(ref.mood));
    if (ref.emotion) meta.append(M.emotionChip(ref.emotion));
    const excerpt = el("blockquote", "excerpt");
    // The sentence that carried the entry's mood (ref.quote) is highlighted like the journal's, in the excerpt
    // when it falls within it, else quoted after it.
    const at = ref.quote ? String(ref.excerpt || "").indexOf(ref.quote) : -1;
    const carried = ref.quote ? [{ start: Math.max(at, 0), end: Math.max(at, 0) + ref.quote.length, mood: ref.mood,
      emotion: ref.emotion, carriesMood: true }] : null;
    M.appendText(excerpt, ref.excerpt, at >= 0 ? carried : null);
    if (ref.quote && at < 0) {
      excerpt.append(document.createTextNode(" "));
      const quote = el("span", "carried-quote");
      quote.append(document.createTextNode("… "));
      M.appendText(quote, ref.quote, carried);
      excerpt.append(quote);
    }
    const link = el("a", "small", "Open in the journal");
    link.href = "/journal.html?entry=" + encodeURIComponent(ref.id);
    item.append(meta, excerpt);
    if (ref.why) item.append(el("p", "small muted", ref.why));
    item.append(link);
    return item;
  }

  // ---- themes ------------------------------------------------------------------------------------------------------

  function renderThemes(comprehensive) {
    const themes = comprehensive ? comprehensive.themes || [] : [];
    const list = $("themes");
    if (!themes.length) {
      list.replaceChildren(el("li", "muted", "No recurring themes yet: they need a few more entries."));
      return;
    }
    list.replaceChildren(...themes.map((t) => {
      const item = el("li", "theme");
      const head = el("div", "chips");
      head.append(el("strong", null, t.term), el("span", "small muted", `${t.entries} entries`));
      if (t.meanMood !== null && t.meanMood !== undefined) head.append(M.moodChip(t.meanMood));
      item.append(head);
      if (t.examples && t.examples.length) {
        const details = el("details");
        details.append(el("summary", "small", `Examples (${t.examples.length})`));
        const examples = el("ol", "evidence");
        examples.append(...t.examples.map(evidenceItem));
        details.append(examples);
        item.append(details);
      }
      return item;
    }));
  }

  // ---- risk flags, help and support ----------------------------------------------------------------------------

  function renderRisks(predictive) {
    const list = $("risks");
    const risks = predictive ? predictive.riskFactors || [] : [];
    if (!predictive) {
      list.replaceChildren(el("li", "muted", "Not available right now."));
    } else if (!risks.length) {
      list.replaceChildren(el("li", "muted", "No pattern worth flagging in your writing."));
    } else {
      list.replaceChildren(...risks.map((r) => {
        const item = el("li", "risk " + r.severity);
        const head = el("div", "chips");
        head.append(el("span", "severity " + r.severity, r.severity), el("strong", null, r.description));
        item.append(head);
        if (r.days && r.days.length) {
          item.append(el("p", "small muted", r.days.length === 1 ? `On ${r.days[0]}` : `From ${r.days[0]} to ${r.days[r.days.length - 1]} (${r.days.length} days)`));
        }
        if (r.help) item.append(el("p", "help", r.help));
        if (r.evidence && r.evidence.length) {
          const details = el("details");
          details.append(el("summary", "small", `The entries behind it (${r.evidence.length})`));
          const evidence = el("ol", "evidence");
          evidence.append(...r.evidence.map(evidenceItem));
          details.append(evidence);
          item.append(details);
        }
        return item;
      }));
    }
    $("support").textContent = predictive && predictive.support ? predictive.support : "";
  }

  // Light and dark follow the system: redraw with the other palette when it changes.
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (data) render();
  });

  M.start({ signedIn: load });
})();
