/* presse review page: Ctrl+Enter accepts a segment and moves on; the editor grows with its
   text. Everything also works without this script (plain forms, redirects). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function segmentOf(node) { return node.closest(".segment"); }

  function syncMirror(textarea) {
    var mirror = textarea.parentNode.querySelector(".editor-mirror");
    if (mirror) mirror.textContent = textarea.value + "\n";
  }

  function setStatus(segment, text, kind) {
    var status = segment.querySelector(".seg-status");
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

  function showProblems(segment, problems) {
    var list = segment.querySelector(".findings");
    if (!problems.length) { if (list) list.remove(); return; }
    if (!list) {
      list = document.createElement("ul");
      list.className = "findings";
      segment.querySelector(".seg-form").after(list);
    }
    list.textContent = "";
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.className = "finding finding-" + p.severity;
      item.textContent = p.message;
      list.appendChild(item);
    });
  }

  function applyReply(segment, form, data) {
    var textarea = form.querySelector("textarea");
    textarea.value = data.french;
    textarea.defaultValue = data.french;
    syncMirror(textarea);
    form.querySelector("input[name=expected_hash]").value = data.french_hash;
    segment.className = segment.className.replace(/\bstate-\S+/, "state-" + data.state);
    segment.classList.remove("dirty");
    segment.dataset.needs = "0";
    var badge = segment.querySelector(".seg-badge .badge");
    if (badge) { badge.className = "badge badge-" + data.state; badge.textContent = data.state_label; }
    showProblems(segment, data.problems);
    var releaseBadge = document.querySelector("#release-state .badge");
    if (releaseBadge) {
      releaseBadge.className = "badge badge-" + data.release_state.replace(/ /g, "-");
      releaseBadge.textContent = data.release_state;
    }
    var todo = document.getElementById("todo-count");
    if (todo) todo.textContent = String(data.todo);
    setStatus(segment, "Saved.", "ok");
  }

  function accept(form, moveOn) {
    var segment = segmentOf(form);
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    setStatus(segment, "Saving…", "");
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
      applyReply(segment, form, data);
      if (moveOn && !focusSegment(data.next)) {
        var approve = document.getElementById("approve-button");
        if (approve) approve.focus();
      }
    }).catch(function () {
      // Let the server show why (a concurrent change, an empty text...): a plain submit
      // renders the page again with the typed text kept.
      delete form.dataset.busy;
      form.submit();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".seg-form").forEach(function (form) {
      var textarea = form.querySelector("textarea");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        accept(form, false);
      });
      form.addEventListener("reset", function () {
        setTimeout(function () {
          syncMirror(textarea);
          segmentOf(form).classList.remove("dirty");
        }, 0);
      });
      textarea.addEventListener("input", function () {
        syncMirror(textarea);
        segmentOf(form).classList.toggle("dirty", textarea.value !== textarea.defaultValue);
      });
      textarea.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          accept(form, true);
        }
      });
    });
    document.querySelectorAll(".btn-use").forEach(function (button) {
      button.addEventListener("click", function () {
        var textarea = segmentOf(button).querySelector("textarea");
        textarea.value = button.dataset.fill;
        textarea.dispatchEvent(new Event("input"));
        textarea.focus();
      });
    });
    var hash = window.location.hash;
    if (hash.indexOf("#seg-") === 0) focusSegment(hash.slice(5));
  });
})();
