// Legwork's service worker, served at /sw.js (apps/training/offline.py) so it controls the whole
// site; that view puts self.LEGWORK = {version, shell, offlinePage} above this file.
//  - The app shell (stylesheet, scripts, icons, the offline page) is saved when it installs, and
//    every static file is answered from the device first and refreshed in the background.
//  - The player's pages (/train/<id>/, any ?move=, and its finish page) are fetched from the
//    network first and saved; with no connection the saved copy is shown, and static/js/player.js
//    lays the changes still queued on the device over it. static/js/offline.js saves the other
//    moves' pages ahead, so any move opens offline.
//  - Any other page with no connection shows the offline page.
// Changes are never sent from here: POSTs go to the network untouched, and the queue lives in
// the page (static/js/offline.js), where the runner sees it.
"use strict";

var CONFIG = self.LEGWORK;
var STATIC_CACHE = "legwork-static";
var PAGES_CACHE = "legwork-pages";
// A slow connection ("lie-fi") is no connection: after this long, show the saved copy.
var NETWORK_PATIENCE_MS = 4000;
var PLAYER_PAGE = /^\/train\/\d+\/(finish\/)?$/;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE).then(function (cache) {
      return cache.addAll(CONFIG.shell.concat([CONFIG.offlinePage]));
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name !== STATIC_CACHE && name !== PAGES_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (PLAYER_PAGE.test(url.pathname)) {
      event.respondWith(playerPage(request));
    } else {
      event.respondWith(fetch(request).catch(offlinePage));
    }
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(staticFile(event, request));
  }
});

function offlinePage() {
  return caches.match(CONFIG.offlinePage, { cacheName: STATIC_CACHE }).then(function (page) {
    return page || new Response("You are offline.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" }
    });
  });
}

function savedPage(request) {
  return caches.open(PAGES_CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true });
  });
}

// Network first, so a page online always shows what the server has; the saved copy when the
// network fails or keeps the runner waiting.
function playerPage(request) {
  var fromNetwork = fetch(request).then(function (response) {
    if (response.ok && !response.redirected && response.type === "basic") {
      var copy = response.clone();
      caches.open(PAGES_CACHE).then(function (cache) { return cache.put(request, copy); });
    } else if (response.redirected) {
      // A finished (or someone else's) session: its saved pages are stale.
      caches.open(PAGES_CACHE).then(function (cache) { return cache.delete(request); });
    }
    return response;
  });
  var patience = new Promise(function (resolve) {
    setTimeout(resolve, NETWORK_PATIENCE_MS);
  }).then(function () {
    return savedPage(request).then(function (saved) { return saved || fromNetwork; });
  });
  return Promise.race([fromNetwork, patience]).catch(function () {
    return savedPage(request).then(function (saved) { return saved || offlinePage(); });
  });
}

// Static files have versioned names in production: the device's copy is right; refresh it in
// the background for the development server's plain names.
function staticFile(event, request) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request).then(function (saved) {
      var refreshed = fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
      if (saved) {
        event.waitUntil(refreshed.catch(function () { return null; }));
        return saved;
      }
      return refreshed;
    });
  });
}
