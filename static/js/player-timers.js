// The player's timers beside the rest countdown of player.js (templates/training/_move.html).
// The page works without this file: "+30 s" and "Skip" are plain forms, and a hold is timed
// by the runner.
//  - "+30 s" and "Skip" change the rest at once on this device (player.js counts down to
//    data-rest-ends), then tell the server, which keeps the end for a reload.
//  - A hold (a move measured in seconds) gets a countdown of its own: it counts the seconds
//    typed in the first set not done yet, and says when the hold is over.
(function () {
  "use strict";

  var REST_EXTRA_MS = 30 * 1000;
  var hold = null;

  function formatLeft(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function announce(text) {
    var node = document.querySelector("[data-rest-announce]");
    if (node) node.textContent = text;
  }

  function changeRestHere(form) {
    var timer = document.querySelector("[data-rest-timer]");
    if (!timer) return;
    var change = form.querySelector("input[name=change]").value;
    if (change === "skip") {
      timer.dataset.restEnds = "";
      timer.hidden = true;
      announce("Rest skipped.");
      return;
    }
    var now = Date.now();
    var ends = parseInt(timer.dataset.restEnds, 10) || now;
    timer.dataset.restEnds = String(Math.max(ends, now) + REST_EXTRA_MS);
  }

  function onRestSubmit(event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-rest-form]")) return;
    if (!window.fetch || !window.FormData) return;
    event.preventDefault();
    changeRestHere(form);
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Requested-With": "fetch" }
    }).catch(function () {
      // No connection: the rest still changed on this device, which is what the runner sees.
    });
  }

  function holdSeconds() {
    var move = hold.closest("[data-move]");
    var row = move && move.querySelector("[data-set-form]:not(.set-row--done)");
    var input = row && row.querySelector("input[type=number]");
    var typed = input ? parseInt(input.value, 10) : NaN;
    return typed > 0 ? typed : parseInt(hold.dataset.holdSeconds, 10) || 30;
  }

  function stopHold(message) {
    window.clearInterval(hold.interval);
    hold.interval = null;
    hold.classList.remove("hold-timer--running");
    hold.querySelector("[data-hold-start]").textContent = "Start hold";
    hold.querySelector("[data-hold-left]").textContent = message || holdSeconds() + " s";
  }

  function onHoldClick() {
    if (hold.interval) {
      stopHold();
      return;
    }
    var ends = Date.now() + holdSeconds() * 1000;
    var left = hold.querySelector("[data-hold-left]");
    hold.classList.add("hold-timer--running");
    hold.querySelector("[data-hold-start]").textContent = "Stop";
    left.textContent = formatLeft(ends - Date.now());
    hold.interval = window.setInterval(function () {
      var ms = ends - Date.now();
      if (ms > 0) {
        left.textContent = formatLeft(ms);
        return;
      }
      if (navigator.vibrate) {
        try { navigator.vibrate([250, 120, 250]); } catch (error) { /* not allowed: fine */ }
      }
      stopHold("over: tick Done");
      announce("Hold over: tick Done.");
    }, 250);
  }

  function init() {
    document.addEventListener("submit", onRestSubmit);
    hold = document.querySelector("[data-hold]");
    if (hold) {
      hold.hidden = false;
      hold.querySelector("[data-hold-left]").textContent = holdSeconds() + " s";
      hold.querySelector("[data-hold-start]").addEventListener("click", onHoldClick);
    }
  }

  document.addEventListener("DOMContentLoaded", init);
})();
