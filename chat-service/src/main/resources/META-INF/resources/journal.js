// MoodLens journal page: the signed-in user's entries, newest first, with paging, a date jump, search by
// text and tag, writing, editing, deleting (with undo), import with progress and export. Everything goes
// through /v1/journal/* of this service with the user's token (session.js). Texts from the journal are
// inserted as text nodes, never as HTML.
"use strict";

(() => {
  const M = window.MoodLens;
  const { $, el } = M;
  const PAGE_SIZE = 10;
  const POLL_MS = 3000;
  const UNDO_MS = 10000;

  const state = {
    page: 0,
    q: "",
    tag: "",
    to: "",
    entry: "",        // one entry alone (a link from the insights page)
    total: 0,
    allEntries: null, // entries in the journal, unfiltered (for the scoring progress)
    scoringCheck: 0,  // the latest scoring check; an earlier one's answer is stale
    editing: null,    // the entry being edited, or null for a new one
    pollTimer: null,
    undoTimer: null,
  };

  // ---- the address keeps the view (reload, links from the insights page) ------------------------

  function readAddress() {
    const params = new URLSearchParams(location.search);
    state.page = Math.max(0, parseInt(params.get("page") || "0", 10) || 0);
    state.q = params.get("q") || "";
    state.tag = params.get("tag") || "";
    state.to = params.get("to") || "";
    state.entry = params.get("entry") || "";
  }

  function writeAddress() {
    const params = new URLSearchParams();
    if (state.entry) params.set("entry", state.entry);
    if (state.q) params.set("q", state.q);
    if (state.tag) params.set("tag", state.tag);
    if (state.to) params.set("to", state.to);
    if (state.page) params.set("page", String(state.page));
    const query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function filtered() {
    return Boolean(state.q || state.tag || state.to);
  }

  // ---- listing ---------------------------------------------------------------------------------

  function showError(message) {
    const box = $("journal-error");
    box.textContent = message || "";
    box.hidden = !message;
  }

  async function load() {
    writeAddress();
    $("search-text").value = state.q;
    $("search-tag").value = state.tag;
    $("search-date").value = state.to;
    const list = $("entries");
    list.setAttribute("aria-busy", "true");
    try {
      let items;
      if (state.entry) {
        items = [await M.getJson(`/v1/journal/entries/${encodeURIComponent(state.entry)}`)];
        state.total = 1;
      } else {
        const params = new URLSearchParams({ page: String(state.page), size: String(PAGE_SIZE) });
        if (state.q) params.set("q", state.q);
        if (state.tag) params.set("tag", state.tag);
        if (state.to) params.set("to", state.to);
        const page = await M.getJson(`/v1/journal/entries?${params}`);
        items = page.items;
        state.total = page.total;
        if (!filtered()) state.allEntries = page.total;
      }
      showError("");
      render(items);
    } catch (e) {
      if (e.status === 404 && !state.entry) {
        // The analysis service knows a user once something was written: no journal yet.
        state.total = 0;
        state.allEntries = 0;
        showError("");
        render([]);
      } else if (e.status !== 401) {
        render([]);
        $("journal-empty").hidden = true;
        showError((state.entry ? "This entry could not be shown: " : "Your journal could not be loaded: ") + e.message);
      }
    } finally {
      list.setAttribute("aria-busy", "false");
    }
    checkScoring();
  }

  function render(items) {
    const list = $("entries");
    list.replaceChildren(...items.map(entryItem));
    const empty = state.total === 0;
    $("journal-empty").hidden = !(empty && !filtered() && !state.entry);
    $("no-match").hidden = !(empty && filtered());
    const pages = Math.max(1, Math.ceil(state.total / PAGE_SIZE));
    const count = $("entries-count");
    if (state.entry) {
      count.replaceChildren(el("span", null, "One entry, opened from your insights. "), showAllLink());
    } else if (filtered()) {
      count.textContent = `${state.total} matching entr${state.total === 1 ? "y" : "ies"}`;
    } else {
      count.textContent = `${state.total} entr${state.total === 1 ? "y" : "ies"}`;
    }
    const first = state.page * PAGE_SIZE + 1;
    const last = Math.min(state.total, first + PAGE_SIZE - 1);
    $("page-info").textContent = state.entry || empty ? "" : `Page ${state.page + 1} of ${pages} · entries ${first}–${last} of ${state.total}`;
    $("newer").disabled = state.entry !== "" || state.page === 0;
    $("older").disabled = state.entry !== "" || state.page + 1 >= pages;
  }

  function showAllLink() {
    const button = el("button", "link-button", "Show all entries");
    button.type = "button";
    button.addEventListener("click", () => {
      state.entry = "";
      state.page = 0;
      load();
    });
    return button;
  }

  /** One entry: heading, date, chips, text (sentences that carried the mood highlighted), tags, actions. */
  function entryItem(entry) {
    const item = el("li", "entry-card");
    item.dataset.id = entry.id;
    const article = el("article");
    const headingId = "entry-" + entry.id;
    article.setAttribute("aria-labelledby", headingId);

    const head = el("header", "entry-head");
    const heading = el("h3", null, entry.title || "Untitled entry");
    heading.id = headingId;
    const time = el("time", "muted small", M.writtenDate(entry.writtenAt));
    time.dateTime = entry.writtenAt;
    head.append(heading, time);

    const chips = el("div", "chips");
    const scores = entry.scores;
    if (scores && !entry.pending) {
      chips.append(M.moodChip(scores.mood),
        M.emotionChip(scores.emotion, scores.emotionScores ? scores.emotionScores[scores.emotion] : null));
    } else {
      chips.append(el("span", "chip pending", "being scored…"));
    }

    const text = el("p", "entry-text");
    const highlighted = M.appendText(text, entry.text, scores && !entry.pending ? scores.sentences : null);
    article.append(head, chips, text);
    if (highlighted) {
      article.append(el("p", "muted small legend", "Highlighted: the sentences that carried this entry's mood."));
    }

    if (entry.tags && entry.tags.length) {
      const tags = el("ul", "tags");
      tags.setAttribute("aria-label", "Tags");
      for (const tag of entry.tags) {
        const li = el("li");
        const button = el("button", "tag-button", "#" + tag);
        button.type = "button";
        button.title = `Show the entries tagged ${tag}`;
        button.addEventListener("click", () => {
          state.entry = "";
          state.tag = tag;
          state.page = 0;
          load();
        });
        li.append(button);
        tags.append(li);
      }
      article.append(tags);
    }

    const actions = el("div", "entry-actions");
    const edit = el("button", "ghost small-button", "Edit");
    edit.type = "button";
    edit.setAttribute("aria-label", `Edit ${entry.title || "the entry"} of ${M.writtenDate(entry.writtenAt)}`);
    edit.addEventListener("click", () => openEditor(entry));
    const remove = el("button", "ghost small-button danger", "Delete");
    remove.type = "button";
    remove.setAttribute("aria-label", `Delete ${entry.title || "the entry"} of ${M.writtenDate(entry.writtenAt)}`);
    remove.addEventListener("click", () => deleteEntry(entry, remove));
    actions.append(edit, remove);
    article.append(actions);
    item.append(article);
    return item;
  }

  // ---- scoring progress --------------------------------------------------------------------------

  /** Shows how many entries are scored; a count overtaken by a later check (each listing starts one) is dropped. */
  async function checkScoring() {
    clearTimeout(state.pollTimer);
    const check = ++state.scoringCheck;
    const box = $("scoring");
    try {
      if (state.allEntries === null) {
        state.allEntries = (await M.getJson("/v1/journal/entries?size=1")).total;
      }
      const pending = (await M.getJson("/v1/journal/entries?pending=true&size=1")).total;
      if (check !== state.scoringCheck) return;
      if (pending === 0) {
        if (!box.hidden) {
          box.hidden = true;
          load(); // the chips of the entries on screen are in now
        }
        return;
      }
      const all = Math.max(state.allEntries || 0, pending);
      $("scoring-text").textContent = `Reading the mood of your entries: ${all - pending} of ${all} done.`;
      $("scoring-bar").max = all;
      $("scoring-bar").value = all - pending;
      box.hidden = false;
      state.pollTimer = setTimeout(checkScoring, POLL_MS);
    } catch (e) {
      if (check === state.scoringCheck) box.hidden = true; // no journal yet (404), or the service is down: the listing says so
    }
  }

  // ---- writing and editing ---------------------------------------------------------------------------

  /** "+02:00" for the browser's current UTC offset. */
  function localOffset(date) {
    const minutes = -date.getTimezoneOffset();
    const sign = minutes >= 0 ? "+" : "-";
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  }

  function localInputValue(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }

  function openEditor(entry) {
    state.editing = entry || null;
    const editor = $("editor");
    editor.hidden = false;
    $("write").setAttribute("aria-expanded", "true");
    $("editor-title").textContent = entry ? `Edit the entry of ${M.writtenDate(entry.writtenAt)}` : "Write an entry";
    $("editor-title-input").value = entry ? entry.title || "" : "";
    $("editor-text").value = entry ? entry.text : "";
    $("editor-tags").value = entry && entry.tags ? entry.tags.join(", ") : "";
    // The writer's own clock: an edit keeps the entry's offset, a new entry takes this browser's.
    $("editor-date").value = entry ? entry.writtenAt.slice(0, 16) : localInputValue(new Date());
    $("editor-save").textContent = entry ? "Save changes" : "Save entry";
    $("editor-status").textContent = "";
    editor.scrollIntoView({ block: "nearest" });
    $("editor-text").focus();
  }

  function closeEditor() {
    $("editor").hidden = true;
    $("write").setAttribute("aria-expanded", "false");
    state.editing = null;
    $("write").focus();
  }

  function editorBody() {
    const entry = state.editing;
    const local = $("editor-date").value;
    let writtenAt;
    if (entry && local === entry.writtenAt.slice(0, 16)) {
      writtenAt = entry.writtenAt;
    } else if (local) {
      const offset = entry ? (entry.writtenAt.match(/(Z|[+-]\d\d:\d\d)$/) || ["Z"])[0] : localOffset(new Date(local));
      writtenAt = `${local}:00${offset}`;
    }
    const tags = $("editor-tags").value.split(",").map((t) => t.trim()).filter((t) => t);
    const title = $("editor-title-input").value.trim();
    return { text: $("editor-text").value, title: title || null, tags, writtenAt };
  }

  $("editor").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = $("editor-status");
    const save = $("editor-save");
    if (!$("editor-text").value.trim()) return;
    save.disabled = true;
    status.className = "status";
    status.textContent = "Saving…";
    const editing = state.editing;
    try {
      const response = await M.api(editing ? `/v1/journal/entries/${encodeURIComponent(editing.id)}` : "/v1/journal/entries", {
        method: editing ? "PUT" : "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(editorBody()),
      });
      if (!response.ok) throw await M.failure(response);
      closeEditor();
      if (!editing) {
        state.entry = "";
        state.q = state.tag = state.to = "";
        state.page = 0;
      }
      state.allEntries = null;
      await load();
      announce(editing ? "Entry saved." : "Entry added to your journal.", null);
    } catch (e) {
      if (e.status === 401) return;
      status.className = "status error";
      status.textContent = "Not saved: " + e.message;
    } finally {
      save.disabled = false;
    }
  });
  $("write").addEventListener("click", () => ($("editor").hidden || state.editing ? openEditor(null) : closeEditor()));
  $("editor-cancel").addEventListener("click", closeEditor);

  // ---- deleting, with undo ---------------------------------------------------------------------------

  async function deleteEntry(entry, button) {
    button.disabled = true;
    try {
      const response = await M.api(`/v1/journal/entries/${encodeURIComponent(entry.id)}`, { method: "DELETE" });
      if (!response.ok) throw await M.failure(response);
      state.allEntries = null;
      if (state.entry) state.entry = "";
      await load();
      // Undo writes the entry again (a new id; its text is scored again from the per-text cache).
      announce("Entry deleted.", async () => {
        const again = await M.api("/v1/journal/entries", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ text: entry.text, title: entry.title || null, tags: entry.tags || [], writtenAt: entry.writtenAt }),
        });
        if (!again.ok) throw await M.failure(again);
        state.allEntries = null;
        await load();
        announce("Entry restored.", null);
      });
    } catch (e) {
      button.disabled = false;
      if (e.status !== 401) showError("The entry could not be deleted: " + e.message);
    }
  }

  /** A short message at the bottom of the screen; with an undo action, its button takes the focus. */
  function announce(text, undo) {
    clearTimeout(state.undoTimer);
    const toast = $("toast");
    $("toast-text").textContent = text;
    const button = $("toast-undo");
    button.hidden = !undo;
    button.onclick = undo ? async () => {
      toast.hidden = true;
      try {
        await undo();
      } catch (e) {
        if (e.status !== 401) showError("The entry could not be restored: " + e.message);
      }
    } : null;
    toast.hidden = false;
    if (undo) button.focus();
    state.undoTimer = setTimeout(() => {
      toast.hidden = true;
    }, undo ? UNDO_MS : 4000);
  }

  // ---- search, date jump, paging -----------------------------------------------------------------------

  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    state.entry = "";
    state.q = $("search-text").value.trim();
    state.tag = $("search-tag").value.trim().replace(/^#/, "");
    state.to = $("search-date").value;
    state.page = 0;
    load();
  });
  $("search-clear").addEventListener("click", () => {
    state.entry = "";
    state.q = state.tag = state.to = "";
    state.page = 0;
    load();
  });
  $("newer").addEventListener("click", () => {
    state.page = Math.max(0, state.page - 1);
    load().then(() => $("entries-title").focus());
  });
  $("older").addEventListener("click", () => {
    state.page += 1;
    load().then(() => $("entries-title").focus());
  });

  // ---- import and export ---------------------------------------------------------------------------------

  /** Sends the file as it is; XMLHttpRequest because fetch cannot report upload progress. */
  function upload(file, type, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/v1/journal/entries/import");
      xhr.setRequestHeader("Authorization", "Bearer " + M.session.token);
      xhr.setRequestHeader("Content-Type", type);
      xhr.upload.onprogress = (event) => onProgress(event.lengthComputable ? event.loaded / event.total : null);
      xhr.upload.onload = () => onProgress(1);
      xhr.onload = () => {
        let body = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch (e) {
          body = null;
        }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => reject(new Error("the upload failed (network)"));
      xhr.send(file);
    });
  }

  $("import-file").addEventListener("change", async (event) => {
    const input = event.target;
    const file = input.files && input.files[0];
    if (!file) return;
    const type = /\.csv$/i.test(file.name) ? "text/csv" : "application/x-ndjson";
    const progress = $("import-progress");
    const bar = $("import-bar");
    const label = $("import-label");
    const status = $("import-status");
    status.className = "status";
    status.textContent = "";
    progress.hidden = false;
    bar.value = 0;
    label.textContent = `Uploading ${file.name}…`;
    try {
      const answer = await upload(file, type, (share) => {
        if (share === null) {
          bar.removeAttribute("value");
        } else if (share >= 1) {
          bar.removeAttribute("value"); // sent: the service checks every line, then stores all of them
          label.textContent = `Checking and storing ${file.name}…`;
        } else {
          bar.value = Math.round(share * 100);
        }
      });
      if (answer.status === 401) {
        M.signOut("Your session ended; please log in again.");
        return;
      }
      if (answer.status !== 201) {
        const detail = answer.body && (answer.body.detail || answer.body.title) || `HTTP ${answer.status}`;
        const line = answer.body && answer.body.errors && answer.body.errors.line;
        status.className = "status error";
        status.textContent = `${file.name} was not imported (nothing was stored): ${detail}`
          + (line && !String(detail).includes("line " + line) ? ` (line ${line})` : "");
        return;
      }
      status.textContent = `Imported ${answer.body.imported} entr${answer.body.imported === 1 ? "y" : "ies"} from ${file.name}. `
        + "Their mood is being read now.";
      state.entry = "";
      state.q = state.tag = state.to = "";
      state.page = 0;
      state.allEntries = null;
      await load();
    } catch (e) {
      status.className = "status error";
      status.textContent = `${file.name} was not imported: ${e.message}`;
    } finally {
      progress.hidden = true;
      input.value = "";
    }
  });

  $("export").addEventListener("click", async () => {
    const status = $("import-status");
    status.className = "status";
    try {
      const response = await M.api("/v1/journal/entries/export");
      if (response.status === 404) {
        status.textContent = "Nothing to export yet: your journal is empty.";
        return;
      }
      if (!response.ok) throw await M.failure(response);
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = el("a");
      link.href = url;
      link.download = `${M.session.user}-journal.jsonl`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      status.textContent = "Exported your journal as JSON Lines (it can be imported again).";
    } catch (e) {
      if (e.status === 401) return;
      status.className = "status error";
      status.textContent = "The export failed: " + e.message;
    }
  });

  M.start({
    signedIn: () => {
      readAddress();
      load();
    },
  });
})();
