// Opens the space's IndexedDB database while the app's wasm is still downloading and
// compiling, so that the app finds it open (crates/platform/src/early_open.rs takes it as
// `window.keneshEarlyOpen`). The name is the one the app opened last. Anything unusual (no
// space yet, a database that does not exist, an error) resolves to null and the app opens
// the database itself; this script never creates or upgrades one.
(() => {
  let name;
  try {
    name = JSON.parse(localStorage.getItem("kenesh.early-open"));
  } catch {
    return;
  }
  if (typeof name !== "string" || !window.indexedDB) return;
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
      resolve(db);
    };
  });
})();
