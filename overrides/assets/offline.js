// Registers the service worker that `drillbook finish` (or `mkdocs build`) writes at the
// site's root, so pages read once open without the network. Its URL and scope follow this
// script's own URL, so a site under a sub-path keeps its worker there. Where service workers
// are not allowed (a sandboxed iframe, plain http on another host) the page works as before.
(function () {
  var script = document.currentScript;
  try {
    if (!script || !("serviceWorker" in navigator)) return;
    var root = new URL("../", script.src);
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href }).catch(function () {});
  } catch (error) {
    // A document with an opaque origin (sandboxed iframe) may not use service workers.
  }
})();
