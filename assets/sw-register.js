// Registers the service worker and tells the app (event `kenesh-update-ready`, flag
// `keneshUpdateReady`) when a new version waits; `keneshApplyUpdate()` activates it and
// reloads once it controls the page.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", async () => {
    const registration = await navigator.serviceWorker.register("./sw.js");
    const announce = () => {
      window.keneshUpdateReady = true;
      window.dispatchEvent(new Event("kenesh-update-ready"));
    };
    if (registration.waiting && navigator.serviceWorker.controller) announce();
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) announce();
      });
    });
    let updating = false;
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (updating) location.reload();
    });
    window.keneshApplyUpdate = () => {
      updating = true;
      if (registration.waiting) registration.waiting.postMessage("skip-waiting");
      else location.reload();
    };
  });
}
