// Opens the space's IndexedDB database while the app's wasm is still downloading and
// compiling, and reads every stored document part and view in one read-only transaction, so
// that the app finds both ready (crates/platform/src/early_open.rs takes the connection as
// `window.keneshEarlyOpen`, its read as `keneshEarlyRead` on it). The name is the one the
// app opened last. Anything unusual (no space yet, a database that does not exist or lacks
// the stores, an error) resolves to null and the app opens or reads the database itself;
// this script never creates or upgrades one. It also decodes that database's copies of the
// first screen's views from localStorage (`keneshFirstViews`, see first_view.rs).
(() => {
  let name;
  try {
    name = JSON.parse(localStorage.getItem("kenesh.early-open"));
  } catch {
    return;
  }
  if (typeof name !== "string") return;
  // The copies of its first screen's views (crates/platform/src/first_view.rs), decoded now,
  // while the page waits for the wasm: `keneshFirstViews` maps a document to its view's
  // bytes and the keys of the stored parts it was read from.
  const prefix = `kenesh.first-view.${name}/`;
  const fromBase64 = (text) =>
    Uint8Array.fromBase64 ? Uint8Array.fromBase64(text) : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const copies = {};
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key || !key.startsWith(prefix)) continue;
    try {
      const { parts, view } = JSON.parse(localStorage.getItem(key));
      if (Array.isArray(parts) && parts.every((p) => typeof p === "string")) {
        copies[key.slice(prefix.length)] = { parts, bytes: fromBase64(view) };
      }
    } catch {
      // An unreadable copy is only a missing one.
    }
  }
  window.keneshFirstViews = { db: name, copies };
  if (!window.indexedDB) return;
  const STORES = ["snapshots", "chunks", "views"];
  const read = (db) =>
    new Promise((resolve) => {
      if (!STORES.every((s) => db.objectStoreNames.contains(s))) return resolve(null);
      const tx = db.transaction(STORES, "readonly");
      const [snapshots, chunks, views] = STORES.map((s) => tx.objectStore(s).getAll());
      tx.oncomplete = () => resolve({ snapshots: snapshots.result, chunks: chunks.result, views: views.result });
      tx.onabort = () => resolve(null);
    });
  window.keneshEarlyOpen = new Promise((resolve) => {
    const request = indexedDB.open(name);
    // The database does not exist: abort its creation (the app creates it, with its stores).
    request.onupgradeneeded = () => request.transaction.abort();
    request.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrades or deletes the database before the app took this connection.
      db.onversionchange = () => {
        db.keneshClosed = true;
        db.close();
      };
      try {
        db.keneshEarlyRead = read(db);
      } catch {
        db.keneshEarlyRead = Promise.resolve(null);
      }
      resolve(db);
    };
  });
})();
