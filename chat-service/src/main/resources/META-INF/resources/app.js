// MoodLens chat page. Framework-free, no build step. The session, the sign-in form and calls with the
// token come from session.js. Every text that comes from the user, the journal or a model is inserted
// with textContent (never innerHTML), so it is always shown as text.
"use strict";

(() => {
  const { $, el, api, problemOf, percent } = window.MoodLens;
  const SVG = "http://www.w3.org/2000/svg";

  const state = {
    conversationId: null,
    busy: false,
  };

  const messages = $("messages");
  const welcome = $("welcome");
  const banner = $("banner");
  const composer = $("composer");
  const input = $("message");
  const send = $("send");

  // ---- problems and banners ------------------------------------------------------------------

  function showBanner(text, kind) {
    banner.textContent = text;
    banner.className = "banner" + (kind ? " " + kind : "");
    banner.hidden = !text;
  }

  // ---- messages ------------------------------------------------------------------------------

  function emotionChip(analysis) {
    const emotion = analysis && analysis.emotion;
    if (!emotion) {
      const chip = el("span", "chip unknown", "emotion unavailable");
      chip.title = "The inference service did not answer for this message";
      return chip;
    }
    const label = String(emotion.label || "unknown");
    const known = ["sadness", "joy", "love", "anger", "fear", "surprise"].includes(label) ? label : "unknown";
    const chip = el("span", "chip " + known, `${label} ${percent(emotion.score)}`);
    const sentiment = analysis.sentiment;
    chip.title = sentiment ? `emotion ${label} ${percent(emotion.score)}, sentiment ${sentiment.label} ${percent(sentiment.score)}`
      : `emotion ${label}`;
    chip.setAttribute("aria-label", "Emotion: " + chip.title);
    return chip;
  }

  function addMessage(role, text, options = {}) {
    welcome.hidden = true;
    const item = el("li", "message " + role);
    const bubble = el("div", "bubble", text);
    const meta = el("div", "meta");
    item.append(bubble, meta);
    if (role === "user" && options.emotion !== undefined) {
      meta.append(emotionChip(options.emotion));
    }
    if (role === "assistant" && options.backend) {
      meta.append(backendTag(options.backend));
    }
    if (options.before) {
      messages.insertBefore(item, options.before); // an earlier page: keep the reader where they are
    } else {
      messages.append(item);
      messages.scrollTop = messages.scrollHeight;
    }
    return { item, bubble, meta };
  }

  function backendTag(backend) {
    if (backend.startsWith("offline")) {
      const tag = el("span", "tag offline", backend === "offline" ? "offline responder" : "offline responder (fallback)");
      tag.title = "Written by MoodLens' built-in responder, without a language model";
      return tag;
    }
    return el("span", "tag", backend);
  }

  function clearMessages() {
    messages.replaceChildren();
    welcome.hidden = false;
  }

  // ---- conversations -------------------------------------------------------------------------

  async function loadConversations() {
    const list = $("conversations");
    try {
      const response = await api("/v1/conversations");
      if (!response.ok) throw new Error(await problemOf(response));
      const conversations = await response.json();
      list.replaceChildren(...conversations.map((c) => {
        const item = el("li");
        const button = el("button", null, c.title);
        button.type = "button";
        button.title = `${c.title} (${c.messages} messages)`;
        button.dataset.id = c.id;
        if (c.id === state.conversationId) button.setAttribute("aria-current", "true");
        button.addEventListener("click", () => openConversation(c.id));
        item.append(button);
        return item;
      }));
      $("conversations-empty").hidden = conversations.length > 0;
    } catch (e) {
      showBanner("Could not load your conversations: " + e.message);
    }
  }

  async function openConversation(id) {
    if (state.busy) return;
    try {
      const response = await api(`/v1/conversations/${encodeURIComponent(id)}`);
      if (!response.ok) throw new Error(await problemOf(response));
      const conversation = await response.json();
      state.conversationId = conversation.id;
      sessionStorage.setItem("moodlens.conversation", conversation.id);
      clearMessages();
      showMessages(conversation);
      showBanner("");
      markCurrent();
    } catch (e) {
      sessionStorage.removeItem("moodlens.conversation");
      showBanner("Could not open the conversation: " + e.message);
    }
  }

  // The service sends the newest messages of a conversation; "Show earlier messages" asks for the page
  // before the first one shown (?before=<its id>), as often as there are older ones.
  function showMessages(conversation, before) {
    for (const m of conversation.messages) {
      if (m.role === "user") addMessage("user", m.content, { emotion: m.emotion || null, before });
      else addMessage("assistant", m.content, { backend: m.backend, before });
    }
    if (conversation.hasOlder && conversation.messages.length > 0) {
      const item = el("li", "older");
      const button = el("button", "ghost", "Show earlier messages");
      button.type = "button";
      button.addEventListener("click", () => loadOlder(conversation.id, conversation.messages[0].id, item));
      item.append(button);
      messages.prepend(item);
    }
  }

  async function loadOlder(id, firstId, item) {
    try {
      const response = await api(`/v1/conversations/${encodeURIComponent(id)}?before=${encodeURIComponent(firstId)}`);
      if (!response.ok) throw new Error(await problemOf(response));
      const older = await response.json();
      if (state.conversationId !== id) return;
      const anchor = item.nextSibling;
      item.remove();
      showMessages(older, anchor);
    } catch (e) {
      showBanner("Could not load earlier messages: " + e.message);
    }
  }

  function markCurrent() {
    for (const button of document.querySelectorAll("#conversations button")) {
      if (button.dataset.id === state.conversationId) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
  }

  function newConversation() {
    if (state.busy) return;
    state.conversationId = null;
    sessionStorage.removeItem("moodlens.conversation");
    clearMessages();
    showBanner("");
    markCurrent();
    input.focus();
  }

  // ---- sending and streaming -----------------------------------------------------------------

  // Reads a text/event-stream body and calls onEvent with each event's parsed JSON data.
  async function readEvents(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const raw = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = raw.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).replace(/^ /, "")).join("\n");
        if (data) onEvent(JSON.parse(data));
      }
    }
  }

  function setBusy(busy) {
    state.busy = busy;
    send.disabled = busy;
    send.textContent = busy ? "Sending…" : "Send";
    composer.setAttribute("aria-busy", String(busy));
  }

  async function sendMessage(text) {
    setBusy(true);
    showBanner("");
    const mine = addMessage("user", text);
    const reply = addMessage("assistant", "");
    reply.item.classList.add("pending");
    // Screen readers announce the reply once it is complete rather than token by token.
    reply.item.setAttribute("aria-busy", "true");
    let finished = false;
    try {
      const response = await api("/v1/chat/stream", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
        body: JSON.stringify({ conversationId: state.conversationId, message: text }),
      });
      if (!response.ok) {
        throw new Error(await problemOf(response));
      }
      await readEvents(response, (event) => {
        switch (event.type) {
          case "start":
            state.conversationId = event.conversationId;
            sessionStorage.setItem("moodlens.conversation", event.conversationId);
            break;
          case "analysis":
            mine.meta.replaceChildren(emotionChip(event.emotion || null));
            if (event.crisis) mine.meta.append(el("span", "tag crisis", "help resources included"));
            break;
          case "token":
            reply.bubble.textContent += event.text;
            messages.scrollTop = messages.scrollHeight;
            break;
          case "done":
            finished = true;
            reply.item.classList.remove("pending");
            reply.item.setAttribute("aria-busy", "false");
            reply.meta.replaceChildren(backendTag(event.backend || "unknown"));
            if (event.backend && event.backend !== "offline" && event.backend.startsWith("offline")) {
              showBanner("The language model is unavailable right now: the offline responder answered instead.", "offline");
            } else if (event.notes && event.notes.length) {
              showBanner(event.notes.join(" "), "offline");
            }
            if (event.context) renderJournal(event.context);
            messages.scrollTop = messages.scrollHeight;
            break;
          case "error":
            finished = true;
            throw new Error(event.text);
          default:
            break;
        }
      });
      if (!finished) throw new Error("the reply was interrupted");
    } catch (e) {
      reply.item.classList.remove("pending");
      reply.item.setAttribute("aria-busy", "false");
      if (!reply.bubble.textContent) reply.item.remove();
      showBanner("Your message could not be answered: " + e.message);
      if (!state.conversationId) mine.item.classList.add("failed");
    } finally {
      setBusy(false);
      loadConversations();
      input.focus();
    }
  }

  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || state.busy) return;
    input.value = "";
    sendMessage(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });

  // ---- journal ---------------------------------------------------------------------------------

  function renderSparkline(days) {
    const svg = $("sparkline");
    const title = $("sparkline-title");
    svg.replaceChildren(title);
    const width = 240, height = 56, pad = 5;
    const y = (mood) => pad + (1 - (Math.max(-1, Math.min(1, mood)) + 1) / 2) * (height - 2 * pad);
    const zero = document.createElementNS(SVG, "line");
    zero.setAttribute("class", "zero");
    zero.setAttribute("x1", "0"); zero.setAttribute("x2", String(width));
    zero.setAttribute("y1", String(y(0))); zero.setAttribute("y2", String(y(0)));
    svg.append(zero);
    if (!days || days.length === 0) {
      title.textContent = "No daily mood yet";
      return;
    }
    // x follows the calendar (days without entries leave a gap), y the mood from -1 (bottom) to 1 (top).
    const dayOf = (d) => Date.parse(d.date + "T00:00:00Z") / 86400000;
    const first = dayOf(days[0]);
    const span = dayOf(days[days.length - 1]) - first;
    const x = (d, i) => span > 0 && !Number.isNaN(span) ? pad + (dayOf(d) - first) / span * (width - 2 * pad)
      : pad + (days.length > 1 ? i / (days.length - 1) : 0.5) * (width - 2 * pad);
    const points = days.map((d, i) => [x(d, i), y(d.mood)]);
    const line = points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(" ");
    const area = document.createElementNS(SVG, "polygon");
    area.setAttribute("class", "area");
    area.setAttribute("points", `${points[0][0]},${y(-1) + pad} ${line} ${points[points.length - 1][0]},${y(-1) + pad}`);
    const polyline = document.createElementNS(SVG, "polyline");
    polyline.setAttribute("class", "line");
    polyline.setAttribute("points", line);
    const last = document.createElementNS(SVG, "circle");
    last.setAttribute("class", "last");
    last.setAttribute("r", "3");
    last.setAttribute("cx", String(points[points.length - 1][0]));
    last.setAttribute("cy", String(points[points.length - 1][1]));
    svg.append(area, polyline, last);
    const end = days[days.length - 1];
    title.textContent = `Daily mood from ${days[0].date} to ${end.date}; latest ${end.mood.toFixed(2)} on a -1 to 1 scale`;
  }

  function renderJournal(context) {
    renderSparkline(context.dailyMood || []);
    const stats = $("journal-stats");
    if (!context.entryCount) {
      stats.textContent = "No entries yet. Add one below to help the chat understand your days.";
      return;
    }
    const parts = [`${context.entryCount} entr${context.entryCount === 1 ? "y" : "ies"}`];
    if (context.recentMood !== null && context.recentMood !== undefined) {
      parts.push(`mood ${context.recentMood >= 0 ? "+" : ""}${context.recentMood.toFixed(2)}`);
    }
    if (context.trend && context.trend !== "unknown") parts.push(context.trend);
    let text = parts.join(" · ");
    if (context.dominantEmotions && context.dominantEmotions.length) {
      text += `\nMostly: ${context.dominantEmotions.slice(0, 3).join(", ")}`;
    }
    if (context.pendingEntries) text += `\n${context.pendingEntries} not yet analysed`;
    stats.textContent = text;
    stats.style.whiteSpace = "pre-line";
  }

  async function loadJournal() {
    const stats = $("journal-stats");
    try {
      const response = await api("/v1/journal/context");
      if (!response.ok) throw new Error(await problemOf(response));
      renderJournal(await response.json());
    } catch (e) {
      renderSparkline([]);
      stats.textContent = "Journal unavailable right now (" + e.message + ").";
    }
  }

  $("entry-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = $("entry-status");
    const text = $("entry-text").value.trim();
    const title = $("entry-title").value.trim();
    if (!text) return;
    const button = event.target.querySelector("button");
    button.disabled = true;
    status.className = "status";
    status.textContent = "Saving…";
    try {
      const response = await api("/v1/journal/entries", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text, title: title || null, writtenAt: new Date().toISOString() }),
      });
      if (!response.ok) throw new Error(await problemOf(response));
      $("entry-text").value = "";
      $("entry-title").value = "";
      status.textContent = "Saved to your journal.";
      loadJournal();
    } catch (e) {
      status.className = "status error";
      status.textContent = "Not saved: " + e.message;
    } finally {
      button.disabled = false;
    }
  });

  // ---- account -----------------------------------------------------------------------------------

  $("new-conversation").addEventListener("click", newConversation);

  window.MoodLens.start({
    signedIn: () => {
      loadConversations();
      loadJournal();
      const previous = sessionStorage.getItem("moodlens.conversation");
      if (previous) openConversation(previous);
    },
    signedOut: () => {
      state.busy = false;
      newConversation();
      $("conversations").replaceChildren();
      showBanner("");
    },
  });
})();
