// Opens the space's IndexedDB database while the app's wasm is still downloading and
// compiling, and reads every stored document part and view in one read-only transaction, so
// that the app finds both ready (crates/platform/src/early_open.rs takes the connection as
// `window.keneshEarlyOpen`, its read as `keneshEarlyRead` on it). The name is the one the
// app opened last. Anything unusual (no space yet, a database that does not exist or lacks
// the stores, an error) resolves to null and the app opens or reads the database itself;
// this script never creates or upgrades one.
(() => {
  let name;
  try {
    name = JSON.parse(localStorage.getItem("kenesh.early-open"));
  } catch {
    return;
  }
  if (typeof name !== "string" || !window.indexedDB) return;
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
