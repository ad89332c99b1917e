// The session player's enhancements (templates/training/player.html). The page works without
// this file: every set row is a plain form that POSTs and redirects back.
//  - A tick saves the row in place with fetch(); if the server does not answer with JSON (an
//    error page, an old server), the form is submitted the plain way instead.
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

  function submitPlainly(form, submitter) {
    form.dataset.plain = "1";
    if (form.requestSubmit) {
      form.requestSubmit(submitter);
    } else {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = submitter.name;
      hidden.value = submitter.value;
      form.appendChild(hidden);
      form.submit();
    }
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-set-form]") || form.dataset.plain) return;
    if (!window.fetch || !window.FormData) return;
    var submitter = event.submitter || form.querySelector("[data-tick]");
    event.preventDefault();
    unlockAudio();
    var data = new FormData(form);
    if (submitter && submitter.name) data.set(submitter.name, submitter.value);
    var status = form.querySelector("[data-set-status]");
    if (status) status.textContent = "Saving…";
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Requested-With": "fetch" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1 || response.status >= 500) {
        submitPlainly(form, submitter);
        return null;
      }
      return response.json().then(function (body) {
        clearErrors(form);
        if (response.ok) {
          markSaved(form, body.done);
          if (body.done) startRest(body.rest_ends_at, body.now);
        } else if (body.errors) {
          if (status) status.textContent = "Not saved: see below";
          showErrors(form, body.errors);
        }
      });
    }).catch(function () {
      // Offline or the connection dropped: nothing was saved, and nothing typed is lost.
      if (status) status.textContent = "Not saved: no connection. Tap again.";
    }).then(function () {
      form.removeAttribute("aria-busy");
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
    document.addEventListener("submit", onSubmit);
  }

  document.addEventListener("DOMContentLoaded", init);
})();
