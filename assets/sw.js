// Kenesh's service worker: precaches the built app so that after one visit it opens and
// works with no network. A new build has a new VERSION; it installs beside the old one and
// waits until the user accepts the reload the app offers.
const VERSION = "__KENESH_VERSION__";
const PRECACHE = __KENESH_PRECACHE__;
const CACHE = `kenesh-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
  // Static routes (Chromium 123+): the browser answers the precached files straight from
  // this version's cache without starting the worker, which takes the worker's start-up off
  // the path of an offline open. Browsers without them use the fetch handler below.
  if (event.addRoutes) {
    const paths = PRECACHE.map((file) => new URL(file, self.location).pathname);
    event.waitUntil(
      event
        .addRoutes({
          condition: { or: paths.map((pathname) => ({ urlPattern: { pathname }, requestMethod: "GET" })) },
          source: { cacheName: CACHE },
        })
        .catch(() => {}),
    );
  }
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("kenesh-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // Other origins and the relay's sync API always go to the network.
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  const cached = request.mode === "navigate"
    ? caches.match("./", { cacheName: CACHE })
    : caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  event.respondWith(cached.then((hit) => hit || fetch(request)));
});
