/* presse review page. Every form also works without this script (plain posts, redirects).
   With it: a save, a dismissal or the segments confirmed together are sent in the
   background, and the server's fresh rendering of the progress card and of the changed
   segments is put in place (what a reload would show); Ctrl+Enter accepts a segment
   and moves on; a segment can be merged with the next ones and unmerged; the segments can be searched and filtered; the editor grows with its
   text. Events are handled on the document, so segments put in place keep working. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function segmentOf(node) { return node.closest(".segment"); }

  function syncMirror(textarea) {
    var mirror = textarea.parentNode.querySelector(".editor-mirror");
    if (mirror) mirror.textContent = textarea.value + "\n";
  }

  function setStatus(segment, text, kind) {
    var status = segment && segment.querySelector(".seg-status");
    if (!status) return;
    status.textContent = text;
    status.className = "seg-status small" + (kind ? " " + kind : "");
  }

  function focusSegment(id) {
    var next = id && document.getElementById("seg-" + id);
    var field = next && next.querySelector("textarea");
    if (!field) return false;
    document.querySelectorAll(".segment.current").forEach(function (s) { s.classList.remove("current"); });
    next.classList.add("current");
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
    next.scrollIntoView({ block: "center" });
    return true;
  }

  function fromHtml(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }

  /* Put the server's fresh parts in place: the progress card, the changed segments. */
  /* With keepTyped, French typed and not saved yet stays in the field put in place (a
     dismissal changes the findings, not the text being written). */
  function applyParts(data, keepTyped) {
    var card = document.getElementById("progress");
    if (card && data.summary_html) card.innerHTML = data.summary_html;
    var focused = document.activeElement;
    Object.keys(data.segments_html || {}).forEach(function (id) {
      var old = document.getElementById("seg-" + id);
      if (!old) return;
      var hadFocus = old.contains(focused);
      var typed = old.querySelector(".seg-form textarea");
      var fresh = fromHtml(data.segments_html[id]);
      old.replaceWith(fresh);
      var field = fresh.querySelector(".seg-form textarea");
      if (keepTyped && typed && field && typed.value !== typed.defaultValue) {
        field.value = typed.value;
        fresh.classList.add("dirty");
      }
      fresh.querySelectorAll("textarea").forEach(syncMirror);
      if (hadFocus) {
        var again = fresh.querySelector(".btn-accept");
        if (again) again.focus();
      }
    });
    var releaseBadge = document.querySelector("#release-state .badge");
    if (releaseBadge && data.release_state) {
      releaseBadge.className = "badge badge-" + data.release_state.replace(/ /g, "-");
      releaseBadge.textContent = data.release_state;
    }
    updateReadCount();
    applyFilters();
  }

  function send(form, onDone, keepTyped) {
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) throw new Error("refused");
      return response.json();
    }).then(function (data) {
      delete form.dataset.busy;
      applyParts(data, keepTyped);
      if (onDone) onDone(data);
    }).catch(function () {
      // Let the server show why (a concurrent change, an empty text...): a plain submit
      // renders the page again with the typed text kept.
      delete form.dataset.busy;
      HTMLFormElement.prototype.submit.call(form);
    });
  }

  function accept(form, moveOn) {
    var id = segmentOf(form).dataset.segment;
    setStatus(segmentOf(form), "Saving…", "");
    send(form, function (data) {
      setStatus(document.getElementById("seg-" + id), "Saved.", "ok");
      if (moveOn && !focusSegment(data.next)) {
        var approve = document.getElementById("approve-button");
        if (approve) approve.focus();
      }
    });
  }

  /* ------------------------------------------------------------ finding segments */

  function applyFilters() {
    var search = document.getElementById("seg-search");
    if (!search) return;
    var words = search.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var state = document.getElementById("seg-state").value;
    var finding = document.getElementById("seg-finding").value;
    var segments = document.querySelectorAll("#segments .segment");
    var shown = 0;
    segments.forEach(function (segment) {
      var field = segment.querySelector("textarea");  // none on a segment covered by a merge
      var text = (segment.querySelector(".de-text").textContent + " " +
        (field ? field.value : "")).toLocaleLowerCase();
      var checks = (segment.dataset.checks || "").split(" ").filter(Boolean);
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      if (state === "needs") ok = ok && segment.dataset.needs === "1";
      else if (state) ok = ok && segment.dataset.state === state;
      if (finding === "blocking") ok = ok && segment.dataset.blocking === "1";
      else if (finding === "some") ok = ok && checks.length > 0;
      else if (finding === "none") ok = ok && checks.length === 0;
      else if (finding.indexOf("check:") === 0) ok = ok && checks.indexOf(finding.slice(6)) !== -1;
      segment.hidden = !ok;
      if (ok) shown += 1;
    });
    var count = document.getElementById("filter-count");
    if (count) count.textContent = shown + " of " + segments.length + " segments shown";
  }

  function updateReadCount() {
    var ticked = document.querySelectorAll(".read-box:checked").length;
    var count = document.getElementById("read-count");
    if (count) count.textContent = String(ticked);
    var button = document.getElementById("bulk-button");
    if (button) button.disabled = ticked === 0;
  }

  /* ------------------------------------------------------------ events */

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList.contains("seg-form")) {
      event.preventDefault();
      accept(form, false);
    } else if (form.matches(".apply-form, .dismiss-form, .reopen-form, .merge-form, .unmerge-form")) {
      event.preventDefault();
      var id = segmentOf(form).dataset.segment;
      var done = {
        "dismiss-form": "Finding dismissed.",
        "reopen-form": "Reopened: it needs a person again.",
        "merge-form": "Merged: its French covers the next segment(s).",
        "unmerge-form": "Unmerged: each segment needs its own French again.",
        "apply-form": "Suggestion applied and saved."
      }[Array.prototype.find.call(form.classList, function (c) { return /-form$/.test(c); })];
      send(form, function () {
        var segment = document.getElementById("seg-" + id);
        setStatus(segment, done, "ok");
        // The button pressed went with the segment's old rendering: the keyboard stays
        // on the merge's controls (Unmerge after a merge, Merge again after an unmerge).
        var merging = form.matches(".merge-form, .unmerge-form");
        var back = segment && merging && segment.querySelector(".btn-unmerge, .btn-merge");
        if (back) back.focus();
      }, !form.classList.contains("apply-form"));
    } else if (form.id === "bulk-confirm") {
      event.preventDefault();
      var status = document.getElementById("bulk-status");
      // Confirming what was read must not drop what was typed since: save or revert first.
      var unsaved = Array.prototype.filter.call(document.querySelectorAll(".read-box:checked"), function (box) {
        return segmentOf(box).classList.contains("dirty");
      }).map(function (box) { return segmentOf(box).querySelector(".seg-number").textContent; });
      if (unsaved.length) {
        status.textContent = "Segment " + unsaved.join(", ") + " has French not saved yet: accept or revert it first.";
        return;
      }
      send(form, function (data) {
        status.textContent = Object.keys(data.segments_html || {}).length + " segment(s) confirmed.";
      });
    }
  });

  document.addEventListener("reset", function (event) {
    var form = event.target;
    if (!form.classList.contains("seg-form")) return;
    setTimeout(function () {
      syncMirror(form.querySelector("textarea"));
      segmentOf(form).classList.remove("dirty");
    }, 0);
  });

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.matches(".seg-form textarea")) {
      syncMirror(field);
      segmentOf(field).classList.toggle("dirty", field.value !== field.defaultValue);
    } else if (field.id === "seg-search") {
      applyFilters();
    }
  });

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.id === "seg-state" || field.id === "seg-finding") applyFilters();
    if (field.classList.contains("read-box")) updateReadCount();
  });

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && field.matches(".seg-form textarea")) {
      event.preventDefault();
      accept(field.form, true);
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".btn-use");
    if (!button) return;
    var textarea = segmentOf(button).querySelector("textarea");
    textarea.value = button.dataset.fill;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    textarea.focus();
  });

  document.addEventListener("DOMContentLoaded", function () {
    updateReadCount();
    applyFilters();
    var hash = window.location.hash;
    if (hash.indexOf("#seg-") === 0) focusSegment(hash.slice(5));
  });
})();
