// MoodLens pages: what the chat, journal and insights pages share. The signed-in session (the bearer token
// in this tab's sessionStorage), calls to the service with it, the sign-in form, problem details, and a
// small DOM helper. Every text from the user, the journal or a model is inserted with textContent (never
// innerHTML), so it is always shown as text. Framework-free, no build step.
"use strict";

window.MoodLens = (() => {
  const $ = (id) => document.getElementById(id);

  /** A new element with an optional class and text (set as text, never parsed as HTML). */
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };

  const session = {
    // The token lives in this tab's sessionStorage only: it survives a reload and moving between the
    // pages, not the closed tab. It is the only credential the pages send; the service answers with the
    // data of that token's user alone.
    user: sessionStorage.getItem("moodlens.user"),
    token: sessionStorage.getItem("moodlens.token"),
  };

  const hooks = { signedIn: () => {}, signedOut: () => {} };

  /** The problem JSON's detail (RFC 7807), or the HTTP status when there is none. */
  async function problemOf(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || `HTTP ${response.status}`;
    } catch (e) {
      return `HTTP ${response.status}`;
    }
  }

  /** An Error carrying the HTTP status and the problem's detail. */
  async function failure(response) {
    const error = new Error(await problemOf(response));
    error.status = response.status;
    return error;
  }

  // Every call carries the bearer token. A 401 means the token expired: back to the sign-in form.
  async function api(path, options = {}) {
    const headers = Object.assign({}, options.headers || {}, { Authorization: "Bearer " + session.token });
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (response.status === 401) {
      signOut("Your session ended; please log in again.");
      const error = new Error("not signed in");
      error.status = 401;
      throw error;
    }
    return response;
  }

  /** GET a JSON document; throws an Error with status and detail on any non-2xx answer. */
  async function getJson(path) {
    const response = await api(path);
    if (!response.ok) throw await failure(response);
    return response.json();
  }

  // The sign-in form lives on the chat page ("/"). The other pages send a visitor without a session there,
  // naming themselves in "next"; after signing in the chat page sends them back. Only these pages may be
  // named, so "next" can never lead away from the suite.
  const PAGES = ["/journal.html", "/insights.html"];
  const hasForm = () => $("auth-form") !== null;

  function toSignIn(message) {
    const next = encodeURIComponent(location.pathname + location.search);
    location.replace("/?next=" + next + (message ? "&expired=1" : ""));
  }

  function nextPage() {
    const next = new URLSearchParams(location.search).get("next");
    if (!next) return null;
    const url = new URL(next, location.origin);
    return url.origin === location.origin && PAGES.includes(url.pathname) ? url.pathname + url.search : null;
  }

  function showApp() {
    if (hasForm()) $("auth").hidden = true;
    $("app").hidden = false;
    $("account").hidden = false;
    $("signed-in-user").textContent = session.user;
    hooks.signedIn(session.user);
  }

  function signOut(message) {
    session.token = null;
    session.user = null;
    ["moodlens.token", "moodlens.user", "moodlens.conversation"].forEach((k) => sessionStorage.removeItem(k));
    hooks.signedOut();
    if (!hasForm()) {
      toSignIn(message);
      return;
    }
    $("app").hidden = true;
    $("account").hidden = true;
    $("auth").hidden = false;
    $("auth-password").value = "";
    const status = $("auth-status");
    status.className = "status" + (message ? " error" : "");
    status.textContent = message || "";
    $("auth-user").focus();
  }

  async function authenticate(kind) {
    const form = $("auth-form");
    if (!form.reportValidity()) return;
    const status = $("auth-status");
    status.className = "status";
    status.textContent = kind === "register" ? "Creating your account…" : "Logging in…";
    try {
      const response = await fetch(`/v1/auth/${kind}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ user: $("auth-user").value.trim(), password: $("auth-password").value }),
      });
      if (!response.ok) throw new Error(await problemOf(response));
      const issued = await response.json();
      session.user = issued.user;
      session.token = issued.token;
      sessionStorage.setItem("moodlens.user", issued.user);
      sessionStorage.setItem("moodlens.token", issued.token);
      $("auth-password").value = "";
      status.textContent = "";
      const next = nextPage();
      if (next) location.assign(next);
      else showApp();
    } catch (e) {
      status.className = "status error";
      status.textContent = e.message;
    }
  }

  /** Wires the sign-in form and the log-out button, then shows the page or the form. */
  function start(pageHooks) {
    Object.assign(hooks, pageHooks || {});
    $("logout").addEventListener("click", () => signOut(""));
    if (!hasForm()) {
      if (session.token) showApp();
      else toSignIn("");
      return;
    }
    $("auth-form").addEventListener("submit", (event) => {
      event.preventDefault();
      authenticate("login");
    });
    $("register").addEventListener("click", () => authenticate("register"));
    const expired = new URLSearchParams(location.search).has("expired") ? "Your session ended; please log in again." : "";
    if (session.token) showApp();
    else signOut(expired);
  }

  // ---- shared formatting -------------------------------------------------------------------------

  const EMOTIONS = ["sadness", "joy", "love", "anger", "fear", "surprise"];

  function percent(score) {
    return Math.round((score || 0) * 100) + "%";
  }

  /** "+0.62" / "−0.40": mood is P(positive) − P(negative), in [−1, 1]. */
  function signed(value, digits = 2) {
    if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
    const text = Math.abs(value).toFixed(digits);
    return (value > 0 ? "+" : value < 0 ? "\u2212" : "\u00b1") + text;
  }

  function moodClass(mood) {
    if (mood === null || mood === undefined) return "unknown";
    return mood >= 0.2 ? "positive" : mood <= -0.2 ? "negative" : "neutral";
  }

  /** A mood chip: "mood +0.62", coloured by its sign, with words for screen readers. */
  function moodChip(mood) {
    const chip = el("span", "chip mood " + moodClass(mood), "mood " + signed(mood));
    chip.title = "Mood from \u22121 (negative) to +1 (positive)";
    return chip;
  }

  /** An emotion chip: "joy 81%", coloured by the emotion. */
  function emotionChip(label, score) {
    const name = String(label || "unknown");
    const known = EMOTIONS.includes(name) ? name : "unknown";
    return el("span", "chip " + known, score === undefined || score === null ? name : `${name} ${percent(score)}`);
  }

  /** The date part of an ISO date-time as the writer wrote it ("2026-11-01T08:30+02:00" → that day, 08:30). */
  function writtenDate(iso) {
    if (!iso) return "";
    const day = iso.slice(0, 10);
    const time = iso.length >= 16 ? iso.slice(11, 16) : "";
    const date = new Date(day + "T00:00:00Z");
    const text = Number.isNaN(date.getTime()) ? day
      : date.toLocaleDateString(undefined, { weekday: "short", year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
    return time ? `${text}, ${time}` : text;
  }

  /**
   * Appends the entry's text to the paragraph. When the entry has per-sentence results ("sentences":
   * start/end are UTF-16 offsets, as JavaScript indexes strings), the sentences that carried its mood are
   * wrapped in <mark>; the rest stays plain text. Malformed or overlapping offsets are ignored. Returns
   * whether anything was highlighted.
   */
  function appendText(paragraph, text, sentences) {
    const body = String(text || "");
    const marks = Array.isArray(sentences)
      ? sentences.filter((s) => s && s.carriesMood === true && Number.isInteger(s.start) && Number.isInteger(s.end)
        && s.start >= 0 && s.start < s.end && s.end <= body.length).sort((a, b) => a.start - b.start)
      : [];
    let at = 0;
    let highlighted = false;
    for (const s of marks) {
      if (s.start < at) continue;
      if (s.start > at) paragraph.append(document.createTextNode(body.slice(at, s.start)));
      const mark = el("mark", "carries " + moodClass(s.mood), body.slice(s.start, s.end));
      mark.title = `Carried the mood: ${signed(s.mood)}${s.emotion ? ", " + s.emotion : ""}`;
      paragraph.append(mark);
      at = s.end;
      highlighted = true;
    }
    if (at < body.length) paragraph.append(document.createTextNode(body.slice(at)));
    return highlighted;
  }

  // A violation of the Content-Security-Policy would mean a page relies on something the policy forbids:
  // say so in the console, where the browser tests look.
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
  });

  return { $, el, session, api, getJson, failure, problemOf, start, signOut, percent, signed, moodClass, moodChip,
    emotionChip, writtenDate, appendText, EMOTIONS };
})();
