// The session player's enhancements (templates/training/player.html, finish.html). The page
// works without this file: every form is a plain form that POSTs and redirects back.
//  - Every change the player's forms make (inside <main data-offline-session="<id>">, posting to
//    that session's /train/<id>/... URLs) is shown at once, kept on the device and sent by the
//    queue in static/js/offline.js, with or without a connection: one way to save, tested both
//    ways. The kind of change is read from the form's URL; docs/training.md, "Offline", lists the
//    data-* hooks this file relies on.
//  - On load, the changes kept on the device for this session are laid over the page, so a page
//    reloaded (or saved earlier, and shown by the service worker) with no connection shows them.
//  - The other moves' pages and the finish page are saved ahead, so they open offline.
//  - The rest timer counts down to the end time the server stored when the set was ticked, so a
//    reload (or a phone that slept) picks up where it was; at zero it vibrates and beeps where
//    the browser allows.
(function () {
  "use strict";

  var timer = null;
  var clockOffset = 0; // server time minus this device's time, in ms
  var signalled = false;
  var audio = null;
  var SHOW_EXPIRED_FOR_MS = 60 * 1000;

  function restEndsAt() {
    return timer && timer.dataset.restEnds ? parseInt(timer.dataset.restEnds, 10) : null;
  }

  function formatLeft(ms) {
    var seconds = Math.ceil(ms / 1000);
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function signal() {
    if (navigator.vibrate) {
      try { navigator.vibrate([250, 120, 250]); } catch (error) { /* not allowed: fine */ }
    }
    if (audio) {
      try {
        var oscillator = audio.createOscillator();
        var gain = audio.createGain();
        oscillator.frequency.value = 880;
        gain.gain.value = 0.15;
        oscillator.connect(gain);
        gain.connect(audio.destination);
        oscillator.start();
        oscillator.stop(audio.currentTime + 0.35);
      } catch (error) { /* no sound: the screen still says it */ }
    }
    var announce = document.querySelector("[data-rest-announce]");
    if (announce) announce.textContent = "Rest over: next set.";
  }

  function tick() {
    var ends = restEndsAt();
    if (!ends) return;
    var left = ends - (Date.now() + clockOffset);
    var label = timer.querySelector("[data-rest-left]");
    if (left > 0) {
      timer.hidden = false;
      timer.classList.remove("rest-timer--over");
      label.textContent = formatLeft(left) + " left";
      signalled = false;
    } else {
      timer.hidden = left < -SHOW_EXPIRED_FOR_MS;
      timer.classList.add("rest-timer--over");
      label.textContent = "over: next set";
      if (!signalled) {
        signalled = true;
        signal();
      }
    }
  }

  function startRest(endsMs, nowMs) {
    if (!timer || !endsMs) return;
    if (nowMs) clockOffset = nowMs - Date.now();
    timer.dataset.restEnds = String(endsMs);
    signalled = false;
    tick();
  }

  function unlockAudio() {
    // Browsers only allow sound after a tap: create the audio context on the first tick.
    if (audio) return;
    var Context = window.AudioContext || window.webkitAudioContext;
    if (Context) {
      try { audio = new Context(); } catch (error) { audio = null; }
    }
  }

  function clearErrors(form) {
    form.querySelectorAll(".errors[data-js-errors], .form-errors[data-js-errors]").forEach(function (node) {
      node.remove();
    });
    form.querySelectorAll(".set-field--invalid").forEach(function (node) {
      node.classList.remove("set-field--invalid");
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (node) {
      node.removeAttribute("aria-invalid");
    });
  }

  function showErrors(form, errors) {
    Object.keys(errors).forEach(function (name) {
      var messages = errors[name].map(function (item) { return item.message; });
      var list = document.createElement("ul");
      list.className = "errors";
      list.dataset.jsErrors = "1";
      messages.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      var field = form.querySelector('[data-field="' + name + '"]');
      if (field) {
        field.classList.add("set-field--invalid");
        var input = field.querySelector("input, select");
        if (input) {
          input.setAttribute("aria-invalid", "true");
          list.id = input.id + "_errors";
          input.setAttribute("aria-describedby", list.id);
        }
        field.appendChild(list);
      } else {
        list.className = "form-errors";
        list.setAttribute("role", "alert");
        form.insertBefore(list, form.querySelector(".set-row__fields"));
      }
    });
  }

  function markSaved(form, done) {
    var wasDone = form.classList.contains("set-row--done");
    form.classList.toggle("set-row--done", done);
    var status = form.querySelector("[data-set-status]");
    if (status) status.textContent = done ? "✓ Done" : "Saved, not done";
    var label = form.querySelector("[data-tick-label]");
    if (label) label.textContent = done ? "Update" : "Done";
    var move = form.closest("[data-move]");
    if (!move) return;
    var rowsDone = move.querySelectorAll(".set-row--done").length;
    var count = move.querySelector("[data-sets-done]");
    if (count) count.textContent = String(rowsDone);
    move.classList.toggle("move--finished", rowsDone >= parseInt(move.dataset.prescribed, 10));
    // Only the open move has rows in the page: the session's total moves by this one tick.
    var total = document.querySelector("[data-strength-sets-done]");
    if (total && move.id !== "warm-up" && wasDone !== done) {
      total.textContent = String(parseInt(total.textContent, 10) + (done ? 1 : -1));
    }
  }

  // The offline queue ----------------------------------------------------------------------

  var root = null;
  var session = null;
  var madeHere = {}; // keys of the changes made on this page, which may still move it on
  var LIVE_FOR_MS = 5000; // an answer this soon after the tap is the tap's (its rest timer)
  var DOUBLE_TAP_MS = 800;
  var lastSubmitAt = {};

  var KINDS = [
    ["set", /\/moves\/\d+\/sets\/\d+\/$/],
    ["add-set", /\/moves\/\d+\/add-set\/$/],
    ["skip", /\/moves\/\d+\/skip\/$/],
    ["choose", /\/slots\/\d+\/choose\/$/],
    ["warm-up", /\/warm-up\/$/],
    ["finish", /\/finish\/$/]
  ];

  function pathOf(url) {
    return new URL(url, location.href).pathname;
  }

  function kindOf(form) {
    if (!root || !root.contains(form) || (form.method || "").toLowerCase() !== "post") return null;
    var path = pathOf(form.action);
    if (path.indexOf("/train/" + session + "/") !== 0) return null;
    for (var i = 0; i < KINDS.length; i++) {
      if (KINDS[i][1].test(path)) return KINDS[i][0];
    }
    return null;
  }

  function formFor(action) {
    var forms = root.querySelectorAll("form");
    for (var i = 0; i < forms.length; i++) {
      if (pathOf(forms[i].action) === action) return forms[i];
    }
    return null;
  }

  function fieldValue(fields, suffix) {
    for (var i = fields.length - 1; i >= 0; i--) {
      if (fields[i][0] === suffix || fields[i][0].slice(-suffix.length - 1) === "-" + suffix) {
        return fields[i][1];
      }
    }
    return null;
  }

  function setText(node, text) {
    if (node) node.textContent = text;
  }

  // Set rows --------------------------------------------------------------------------------

  function statusText(done, sent) {
    if (sent) return done ? "✓ Done" : "Saved, not done";
    return done ? "✓ Done · on this phone" : "Saved on this phone, not done";
  }

  function applySet(form, change, sent) {
    change.fields.forEach(function (pair) {
      var input = form.querySelector('[name="' + pair[0] + '"]');
      if (input && input.type !== "submit" && input.type !== "hidden" && input.tagName !== "BUTTON") {
        input.value = pair[1];
      }
    });
    var done = fieldValue(change.fields, "done") === "true";
    markSaved(form, done);
    setText(form.querySelector("[data-set-status]"), statusText(done, sent));
  }

  function rowNumber(form) {
    var match = pathOf(form.action).match(/\/sets\/(\d+)\/$/);
    return match ? parseInt(match[1], 10) : 0;
  }

  // An extra set's row, made from the move's last row: the server renders the same row after
  // a reload.
  function addRow(move, action) {
    var rows = move.querySelectorAll("[data-set-form]");
    if (!rows.length || formFor(action)) return Boolean(formFor(action));
    var last = rows[rows.length - 1];
    var from = rowNumber(last);
    var to = parseInt(action.match(/\/sets\/(\d+)\/$/)[1], 10);
    var row = last.cloneNode(true);
    row.setAttribute("action", action);
    row.classList.remove("set-row--done");
    row.removeAttribute("aria-busy");
    var oldPrefix = new RegExp("(m\\d+-s)" + from + "(?=-|$)", "g");
    row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (node) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
        var value = node.getAttribute(attribute);
        if (value) node.setAttribute(attribute, value.replace(oldPrefix, "$1" + to));
      });
    });
    var walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    var sets = new RegExp("\\b([Ss]et) " + from + "\\b");
    while (walker.nextNode()) {
      walker.currentNode.nodeValue = walker.currentNode.nodeValue.replace(sets, "$1 " + to);
    }
    row.querySelectorAll('button[value="false"], .errors, .form-errors').forEach(function (node) {
      node.remove();
    });
    setText(row.querySelector("[data-set-status]"), "");
    setText(row.querySelector("[data-tick-label]"), "Done");
    last.parentNode.insertBefore(row, last.nextSibling);
    return true;
  }

  // Moves, the warm-up, the finish ---------------------------------------------------------

  function applySkip(form, skipped) {
    var move = form.closest("[data-move]") || form.parentNode;
    move.classList.toggle("move--skipped", skipped);
    move.querySelectorAll("[data-set-form]").forEach(function (row) { row.hidden = skipped; });
    move.querySelectorAll("form").forEach(function (other) {
      if (kindOf(other) === "add-set") other.hidden = skipped;
    });
    var count = move.querySelector("[data-sets-done]");
    var line = count && count.parentNode;
    if (line) {
      // The server writes "… sets done · <strong>skipped</strong>": the same here.
      line.querySelectorAll("strong").forEach(function (node) {
        if (node.textContent !== "skipped") return;
        if (node.previousSibling && node.previousSibling.nodeType === 3) {
          node.previousSibling.nodeValue = node.previousSibling.nodeValue.replace(/ · $/, "");
        }
        node.remove();
      });
      if (skipped) {
        var note = document.createElement("strong");
        note.textContent = "skipped";
        line.appendChild(document.createTextNode(" · "));
        line.appendChild(note);
      }
    }
    var input = form.querySelector('input[name="skipped"]');
    if (input) input.value = skipped ? "false" : "true";
    var button = form.querySelector("button");
    if (button) {
      button.textContent = skipped ? "Do it after all" : "Skip move";
      button.classList.toggle("button--quiet", !skipped);
    }
  }

  function applyWarmup(form, done) {
    var input = form.querySelector('input[name="done"]');
    if (input) input.value = done ? "false" : "true";
    var button = form.querySelector("button");
    if (button) {
      button.textContent = done ? "Not done after all" : "Warm-up done";
      button.className = done ? "button button--small button--quiet" : "button button--primary button--wide";
    }
    var note = form.querySelector("[data-warmup-note]") || form.querySelector(".message--success");
    if (done && !note) {
      note = document.createElement("p");
      note.className = "message message--success";
      note.dataset.warmupNote = "";
      note.textContent = "✓ Warm-up done.";
      form.insertBefore(note, form.firstChild);
    } else if (!done && note) {
      note.remove();
    }
  }

  function applyChoice(form, change) {
    var select = form.querySelector("select");
    if (select) select.value = fieldValue(change.fields, "exercise");
    // Online, the chosen move's page opens as soon as the server has the choice.
    notice(form, "choice-note", navigator.onLine
      ? "Switching…"
      : "Your choice is kept on this phone; its sets show once you are back online.");
  }

  function applyFinish(form) {
    form.hidden = true;
    notice(form, "finish-note", navigator.onLine
      ? "Finishing…"
      : "Finished on this phone. It is sent, and counts for your week, as soon as there is a connection.");
  }

  function notice(form, name, text) {
    var node = form.parentNode.querySelector('[data-' + name + ']');
    if (!node) {
      node = document.createElement("p");
      node.className = "message message--warning";
      node.setAttribute("data-" + name, "");
      form.parentNode.insertBefore(node, form);
    }
    node.textContent = text;
  }

  function apply(change, sent) {
    var form = formFor(change.action);
    if (change.kind === "add-set") {
      if (!form) return false;
      var move = form.closest("[data-move]");
      return move ? addRow(move, change.row) : false;
    }
    if (!form) return false;
    if (change.kind === "set") applySet(form, change, sent);
    else if (change.kind === "skip") applySkip(form, fieldValue(change.fields, "skipped") !== "false");
    else if (change.kind === "warm-up") applyWarmup(form, fieldValue(change.fields, "done") !== "false");
    else if (change.kind === "choose" && !sent) applyChoice(form, change);
    else if (change.kind === "finish" && !sent) applyFinish(form);
    return true;
  }

  // Making a change --------------------------------------------------------------------------

  function nextAfterWarmup() {
    var next = root.querySelector("[data-next-move]");
    return next ? next.href : "/train/" + session + "/";
  }

  function onSubmit(event) {
    var form = event.target;
    var kind = kindOf(form);
    if (!kind || !window.LegworkOffline || !window.FormData) return;
    event.preventDefault();
    var submitter = event.submitter;
    if (kind === "set") unlockAudio();
    var data = new FormData(form);
    if (submitter && submitter.name) data.set(submitter.name, submitter.value);
    var fields = [];
    data.forEach(function (value, name) { fields.push([name, String(value)]); });
    // A sweaty double tap is one change: the same form with the same values within a moment.
    var signature = form.action + JSON.stringify(fields);
    if (form.dataset.lastChange === signature && Date.now() - lastSubmitAt[signature] < DOUBLE_TAP_MS) return;
    form.dataset.lastChange = signature;
    lastSubmitAt[signature] = Date.now();
    var details = { session: session, kind: kind, action: pathOf(form.action), fields: fields };
    if (kind === "set") {
      clearErrors(form);
      details.wasDone = form.classList.contains("set-row--done");
    }
    if (kind === "add-set") {
      var move = form.closest("[data-move]");
      var rows = move ? move.querySelectorAll("[data-set-form]") : [];
      var last = rows.length ? rowNumber(rows[rows.length - 1]) : 0;
      details.row = pathOf(form.action).replace(/add-set\/$/, "sets/" + (last + 1) + "/");
    }
    window.LegworkOffline.enqueue(details).then(function (change) {
      madeHere[change.key] = true;
      var shown = apply(change, false);
      rememberProgress();
      // Breaths are the warm-up: no rest between its rounds (as the server decides).
      var restless = form.closest("[data-no-rest]");
      if (kind === "set" && fieldValue(fields, "done") === "true" && !restless) startLocalRest();
      if (kind === "warm-up" && fieldValue(fields, "done") !== "false") {
        // Online, the server opens the first move not finished; offline, the next one's page.
        followAfterSending(change, navigator.onLine ? "/train/" + session + "/" : nextAfterWarmup());
      } else if (kind === "add-set" && !shown) {
        followAfterSending(change, location.href);
      }
    }, function () {
      // No IndexedDB (a private window in some browsers): the plain form still works online.
      form.submit();
    });
  }

  // Online, the page moves on after the server has the change (it then shows the server's
  // view); offline, at once, to the saved page.
  function followAfterSending(change, url) {
    if (!navigator.onLine) {
      location.assign(url);
      return;
    }
    madeHere[change.key] = url;
  }

  function startLocalRest() {
    var seconds = timer ? parseInt(timer.dataset.restSeconds || "", 10) : NaN;
    if (seconds > 0) startRest(Date.now() + clockOffset + seconds * 1000);
  }

  function onResult(change, result) {
    if (change.session !== String(session)) return;
    var form = formFor(change.action);
    var here = madeHere[change.key];
    var live = Boolean(here) && Date.now() - change.at < LIVE_FOR_MS;
    if (result.outcome === "sent") {
      var answer = result.answer || {};
      if (change.kind === "set" && form) {
        setText(form.querySelector("[data-set-status]"), statusText(answer.done, true));
        if (answer.done && live) startRest(answer.rest_ends_at, answer.now);
      }
      if (change.kind === "finish" || (change.kind === "choose" && here)) {
        location.assign(answer.url);
      } else if (typeof here === "string") {
        location.assign(here);
      }
    } else if (result.outcome === "refused" && form) {
      if (change.kind === "set") {
        markSaved(form, change.wasDone);
        setText(form.querySelector("[data-set-status]"), "Not saved: see below");
        showErrors(form, (result.answer && result.answer.errors) || {});
      } else if (change.kind === "finish") {
        form.hidden = false;
        var note = form.parentNode.querySelector("[data-finish-note]");
        if (note) note.remove();
      }
    }
  }

  // A move's line on the other moves' pages, as this page now shows the move: those pages may
  // be copies saved before the changes made here.
  function progressKey() {
    return "legwork-progress-" + session;
  }

  function rememberProgress() {
    var known = readProgress();
    root.querySelectorAll("[data-move][id]").forEach(function (move) {
      known[move.id] = {
        done: move.querySelectorAll(".set-row--done").length,
        prescribed: parseInt(move.dataset.prescribed, 10) || 0,
        skipped: move.classList.contains("move--skipped")
      };
    });
    try { localStorage.setItem(progressKey(), JSON.stringify(known)); } catch (error) { /* full */ }
  }

  function readProgress() {
    try { return JSON.parse(localStorage.getItem(progressKey()) || "{}") || {}; } catch (error) { return {}; }
  }

  function showProgress() {
    var known = readProgress();
    root.querySelectorAll("[data-move-progress]").forEach(function (line) {
      var move = line.closest("[id]");
      var state = move && known[move.id];
      if (!state || move.hasAttribute("data-move")) return;
      // Already shown done by the server (its own words, "✓ Done" for the warm-up): keep them.
      var done = !state.skipped && state.done >= state.prescribed;
      if (done && line.textContent.trim().charAt(0) === "✓") return;
      var counted = state.done + " of " + state.prescribed + " sets done";
      line.textContent = state.skipped ? "Skipped" : (done ? "✓ " + counted : counted);
    });
  }

  function savePagesAhead() {
    var player = "/train/" + session + "/";
    var urls = [location.pathname + location.search];
    root.querySelectorAll("a[href]").forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      if (url.pathname === player || url.pathname === player + "finish/") {
        urls.push(url.pathname + url.search);
      }
    });
    urls = urls.filter(function (url, index) { return urls.indexOf(url) === index; });
    return window.LegworkOffline.workerReady().then(function (worker) {
      // With no service worker, nothing would show the saved pages.
      return worker ? window.LegworkOffline.savePages(urls) : null;
    });
  }

  function startQueue() {
    root = document.querySelector("[data-offline-session]");
    if (!root || !window.LegworkOffline) return;
    session = root.dataset.offlineSession;
    document.addEventListener("submit", onSubmit);
    window.LegworkOffline.onResult(onResult);
    window.LegworkOffline.sessionChanges(session).then(function (changes) {
      changes.forEach(function (change) { apply(change, change.status === "sent"); });
      if (changes.length) rememberProgress();
      showProgress();
    }).catch(function () { return null; }).then(savePagesAhead).catch(function () {
      return null;
    }).then(function () {
      // Browser tests wait for this before they cut the connection.
      document.documentElement.dataset.offlineReady = "true";
    });
  }

  function init() {
    timer = document.querySelector("[data-rest-timer]");
    if (timer && timer.dataset.now) {
      clockOffset = parseInt(timer.dataset.now, 10) - Date.now();
    }
    if (timer && restEndsAt()) {
      // A rest that ended long ago is not news: do not beep on a reload.
      signalled = restEndsAt() - (Date.now() + clockOffset) <= 0;
      tick();
    }
    window.setInterval(tick, 250);
    startQueue();
  }

  document.addEventListener("DOMContentLoaded", init);
})();
