// Legwork offline: the device's queue of player changes, sent to the server in order, exactly
// once, whenever there is a connection. Loaded on every page, so a queue left by a closed tab
// is sent from whatever page opens next. docs/training.md, "Offline", tells the whole story.
//  - Each change (a set saved, a set added, a move skipped, a choice, the warm-up, the finish)
//    is stored in IndexedDB with a random idempotency key before anything is sent; the server
//    applies a key once and answers a replay with the first answer (apps/training/replays.py).
//  - The queue is sent on page load, when the browser says it is online, and every 15 s while
//    something waits, never while the browser says it is offline; one tab sends at a time
//    (Web Locks), the others wait their turn. A server
//    too busy to save (503, its database locked or away) says when to try again (Retry-After):
//    the change stays queued and is sent again then.
//  - A change the server refuses (a typo: 400) is dropped with a message; a change for a session
//    that no longer exists or is finished elsewhere (404) drops every change of that session,
//    with a message: they are never sent into another session (each URL names its session).
//  - Sent changes stay on the device until their session is finished, so a page saved earlier
//    (static/js/service-worker.js) can be shown with every change laid over it.
//  - A banner, in the warning colour, says how many changes wait, and then that all were sent.
// static/js/player.js makes the changes (LegworkOffline.enqueue) and shows their results.
(function () {
  "use strict";

  var DB_NAME = "legwork-offline";
  var STORE = "changes";
  var PAGES_CACHE = "legwork-pages"; // the service worker's cache of player pages
  var RETRY_EVERY_MS = 15000;
  var KEEP_SENT_FOR_MS = 3 * 24 * 3600 * 1000;
  var SENT_NOTICE_MS = 8000;
  var LONGEST_RETRY_AFTER_S = 60;

  var dbPromise = null;
  var syncing = null;
  var again = false;
  var signedOut = false;
  var listeners = [];
  var banner = null;
  var problems = [];
  var lastPending = 0;
  var sentNoticeTimer = null;
  var retryTimer = null;
  var serverBusy = false;

  // IndexedDB ----------------------------------------------------------------------------------

  function openDb() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var store = request.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
        store.createIndex("key", "key", { unique: true });
        store.createIndex("session", "session", { unique: false });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
    return dbPromise;
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var result = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { resolve(result && "result" in result ? result.result : result); };
        transaction.onerror = function () { reject(transaction.error); };
        transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }

  function allChanges() {
    return withStore("readonly", function (store) { return store.getAll(); }).then(function (list) {
      return (list || []).sort(function (a, b) { return a.seq - b.seq; });
    });
  }

  function pendingChanges() {
    return allChanges().then(function (list) {
      return list.filter(function (change) { return change.status === "pending"; });
    });
  }

  function put(change) {
    return withStore("readwrite", function (store) { return store.put(change); });
  }

  function remove(changes) {
    return withStore("readwrite", function (store) {
      changes.forEach(function (change) { store.delete(change.seq); });
    });
  }

  function sessionChanges(session) {
    return allChanges().then(function (list) {
      return list.filter(function (change) { return change.session === String(session); });
    });
  }

  // Sending ------------------------------------------------------------------------------------

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function csrfToken(change) {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : change.csrf || "";
  }

  function send(change) {
    var body = new FormData();
    change.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    return fetch(change.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: {
        Accept: "application/json",
        "Idempotency-Key": change.key,
        "X-CSRFToken": csrfToken(change),
        "X-Requested-With": "fetch"
      }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var retryAfter = retryAfterSeconds(response);
      if (type.indexOf("application/json") === -1) {
        // A sign-in page, a refused CSRF check, a proxy's error: keep the change, try later.
        return {
          outcome: response.status === 403 || response.type === "opaqueredirect" ? "signed-out" : "retry",
          retryAfter: retryAfter
        };
      }
      return response.json().then(function (answer) {
        if (response.ok) return { outcome: "sent", answer: answer };
        if (response.status === 404 && answer.gone) return { outcome: "gone", answer: answer };
        if (response.status === 400) return { outcome: "refused", answer: answer };
        return { outcome: "retry", answer: answer, retryAfter: retryAfter };
      });
    }, function () {
      return { outcome: "retry" };
    });
  }

  function retryAfterSeconds(response) {
    var seconds = parseInt(response.headers.get("Retry-After") || "", 10);
    return seconds > 0 ? Math.min(seconds, LONGEST_RETRY_AFTER_S) : 0;
  }

  function retryLater(seconds) {
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(sync, seconds * 1000);
  }

  function settle(change, result) {
    notify(change, result);
    if (result.outcome === "sent") {
      if (change.kind === "finish") {
        return sessionChanges(change.session).then(function (list) {
          return remove(list).then(function () { forgetPages(change.session); });
        });
      }
      change.status = "sent";
      change.sentAt = Date.now();
      return put(change);
    }
    if (result.outcome === "gone") {
      return sessionChanges(change.session).then(function (list) {
        var unsent = list.filter(function (item) { return item.status === "pending"; }).length;
        problems.push(unsent === 1
          ? "1 change was not sent: that session was deleted or finished on another device."
          : unsent + " changes were not sent: that session was deleted or finished on another device.");
        forgetPages(change.session);
        return remove(list);
      });
    }
    // Refused: the server said why; sending it again would get the same answer.
    problems.push("A change was not saved: " + firstMessage(result.answer));
    return remove([change]);
  }

  function firstMessage(answer) {
    var errors = (answer && answer.errors) || {};
    for (var name in errors) {
      if (errors[name] && errors[name][0]) return errors[name][0].message;
    }
    return "the server refused it.";
  }

  function drain() {
    return pendingChanges().then(function (list) {
      if (!list.length) return "done";
      // The browser says there is no connection: send nothing and wait for its online event,
      // rather than count on the network layer to fail every request started meanwhile.
      if (!navigator.onLine) return "stopped";
      var change = list[0];
      return send(change).then(function (result) {
        signedOut = result.outcome === "signed-out";
        serverBusy = Boolean(result.retryAfter);
        if (serverBusy) retryLater(result.retryAfter);
        if (result.outcome === "retry" || signedOut) return "stopped";
        return settle(change, result).then(drain);
      });
    });
  }

  function sync() {
    if (syncing) {
      // A change made while the queue is being sent: send it in this round or the next.
      again = true;
      return syncing;
    }
    again = false;
    var run = function () { return drain(); };
    var locked = navigator.locks && navigator.locks.request
      ? navigator.locks.request("legwork-offline-sync", run)
      : run();
    syncing = Promise.resolve(locked).catch(function () { return "stopped"; }).then(function (state) {
      syncing = null;
      if (again && state === "done") return sync();
      return render().then(function () { return state; });
    });
    return syncing;
  }

  function enqueue(details) {
    // details: session, kind, action (the URL's path), fields ([name, value] pairs), and
    // whatever else the page needs to show the change again (player.js).
    var change = Object.assign({}, details, {
      key: newKey(),
      session: String(details.session),
      page: location.pathname + location.search,
      fields: details.fields.filter(function (pair) { return pair[0] !== "csrfmiddlewaretoken"; }),
      csrf: (details.fields.filter(function (pair) { return pair[0] === "csrfmiddlewaretoken"; })[0] || [])[1],
      status: "pending",
      at: Date.now()
    });
    return put(change).then(function () {
      return render();
    }).then(function () {
      sync();
      return change;
    });
  }

  function forgetPages(session) {
    try { localStorage.removeItem("legwork-progress-" + session); } catch (error) { /* none */ }
    if (!window.caches) return;
    var prefix = "/train/" + session + "/";
    caches.open(PAGES_CACHE).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.filter(function (request) {
          return new URL(request.url).pathname.indexOf(prefix) === 0;
        }).map(function (request) { return cache.delete(request); }));
      });
    }).catch(function () { /* nothing saved: fine */ });
  }

  function pruneOldSent() {
    return allChanges().then(function (list) {
      var old = list.filter(function (change) {
        return change.status === "sent" && Date.now() - change.sentAt > KEEP_SENT_FOR_MS;
      });
      return old.length ? remove(old) : null;
    });
  }

  function notify(change, result) {
    listeners.forEach(function (listener) {
      try { listener(change, result); } catch (error) { /* one page's view must not stop the queue */ }
    });
  }

  // Saving pages ahead ---------------------------------------------------------------------

  // Saves the given player pages (those not saved yet) so they open with no connection. Pages
  // already saved are refreshed by the service worker whenever they are opened online.
  function savePages(urls) {
    if (!window.caches || !navigator.onLine) return Promise.resolve();
    return caches.open(PAGES_CACHE).then(function (cache) {
      return Promise.all(urls.map(function (url) {
        return cache.match(url, { ignoreVary: true }).then(function (saved) {
          if (saved) return null;
          return fetch(url, { credentials: "same-origin" }).then(function (response) {
            if (response.ok && !response.redirected) return cache.put(url, response);
            return null;
          });
        }).catch(function () { return null; });
      }));
    });
  }

  // The banner -----------------------------------------------------------------------------

  function bannerNode() {
    if (banner) return banner;
    var main = document.querySelector("main") || document.body;
    banner = document.createElement("div");
    banner.className = "offline-banner";
    banner.setAttribute("role", "status");
    banner.dataset.offlineBanner = "";
    banner.hidden = true;
    main.insertBefore(banner, main.firstChild);
    return banner;
  }

  // Online, a change is usually sent before anyone could read about it: the banner speaks only
  // when there is no connection, or when a change has waited longer than a moment.
  var QUIET_FOR_MS = 2500;
  var spokeOfWaiting = false;
  var quietTimer = null;

  function render() {
    return pendingChanges().catch(function () { return []; }).then(function (list) {
      var node = bannerNode();
      var count = list.length;
      var oldest = count ? Date.now() - list[0].at : 0;
      var lines = [];
      var state = "";
      if (count && (spokeOfWaiting || !navigator.onLine || oldest >= QUIET_FOR_MS)) {
        state = "waiting";
        spokeOfWaiting = true;
        lines.push((count === 1 ? "1 change is" : count + " changes are") +
          " saved on this phone, waiting to be sent.");
        lines.push(!navigator.onLine
          ? "No connection: keep going, they are sent when it returns."
          : serverBusy ? "The server is busy: they are sent again in a few seconds." : "Sending…");
      } else if (count) {
        window.clearTimeout(quietTimer);
        quietTimer = window.setTimeout(render, QUIET_FOR_MS - oldest);
      } else if (spokeOfWaiting || sentNoticeTimer) {
        state = "sent";
        lines.push("All changes are sent and saved.");
        if (spokeOfWaiting) {
          spokeOfWaiting = false;
          window.clearTimeout(sentNoticeTimer);
          sentNoticeTimer = window.setTimeout(function () {
            sentNoticeTimer = null;
            render();
          }, SENT_NOTICE_MS);
        }
      } else if (!navigator.onLine) {
        state = "offline";
        lines.push("No connection. In a session you can keep going: changes are kept on this phone.");
      }
      var notes = signedOut ? problems.concat(["Changes are waiting: sign in again to send them."]) : problems;
      if (notes.length) {
        state = state || "problem";
        lines = notes.concat(lines);
      }
      lastPending = count;
      node.dataset.state = state;
      node.dataset.pending = String(count);
      node.classList.toggle("offline-banner--sent", state === "sent");
      node.textContent = "";
      lines.forEach(function (text) {
        var line = document.createElement("p");
        line.textContent = text;
        node.appendChild(line);
      });
      node.hidden = !lines.length;
    });
  }

  // Start ----------------------------------------------------------------------------------

  function registerWorker() {
    var script = document.querySelector("script[data-service-worker]");
    if (!script || !("serviceWorker" in navigator)) return Promise.resolve(null);
    return navigator.serviceWorker.register(script.dataset.serviceWorker, { scope: "/" })
      .catch(function () { return null; });
  }

  function forgetEverything() {
    // Signing out: the next person on this phone must not see this runner's sessions.
    if (window.caches) caches.delete(PAGES_CACHE);
    try {
      Object.keys(localStorage).forEach(function (name) {
        if (name.indexOf("legwork-progress-") === 0) localStorage.removeItem(name);
      });
    } catch (error) { /* nothing stored */ }
    if (window.indexedDB) {
      openDb().then(function (db) { db.close(); indexedDB.deleteDatabase(DB_NAME); }).catch(function () {});
    }
  }

  // The offline page (the app opened with no connection, at home): a way back to a session
  // whose player is saved on this phone.
  function offerSavedSession() {
    var retry = document.querySelector("[data-offline-retry]");
    if (!retry || !window.caches) return;
    caches.open(PAGES_CACHE).then(function (cache) { return cache.keys(); }).then(function (requests) {
      var players = requests.map(function (request) { return new URL(request.url).pathname; })
        .filter(function (path) { return /^\/train\/\d+\/$/.test(path); });
      if (!players.length) return;
      var link = document.createElement("a");
      link.className = "button button--primary";
      link.href = players[players.length - 1];
      link.textContent = "Back to your session";
      retry.parentNode.insertBefore(link, retry);
    }).catch(function () { /* nothing saved */ });
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form || !form.action) return;
    var path = new URL(form.action, location.href).pathname;
    if (path.indexOf("/accounts/logout/") === 0) forgetEverything();
    var abandoned = path.match(/^\/train\/(\d+)\/abandon\/$/);
    if (abandoned && navigator.onLine) {
      // The session and its sets are deleted: nothing of it is worth keeping or sending.
      forgetPages(abandoned[1]);
      sessionChanges(abandoned[1]).then(remove).catch(function () {});
    }
  }

  var ready = registerWorker();

  window.LegworkOffline = {
    enqueue: enqueue,
    sessionChanges: sessionChanges,
    sync: sync,
    savePages: savePages,
    workerReady: function () {
      return ready.then(function (registration) {
        return registration ? navigator.serviceWorker.ready : null;
      });
    },
    onResult: function (listener) { listeners.push(listener); }
  };

  function start() {
    render().then(sync).then(pruneOldSent).catch(function () {});
    window.addEventListener("online", function () { render(); sync(); });
    window.addEventListener("offline", function () { render(); });
    window.setInterval(function () {
      if (lastPending) sync();
    }, RETRY_EVERY_MS);
    document.addEventListener("submit", onSubmit);
    offerSavedSession();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
