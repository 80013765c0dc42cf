/* Embed page.
   View: the compact card, or everything with ?view=full.
   Colour scheme: light unless the frame's address asks (?theme=dark, or ?theme=auto for the
   reader's setting).
   Height: sent to the embedding page on load, again shortly after (an editor may start
   listening late), on every resize, and whenever WordPress says it is ready: WordPress's
   message {message: "height", value, secret} (secret from the "#?secret=…" fragment or the
   "ready" message) and {type: "drillbook:height", id, height} for the snippet's script.
   Links: inside a WordPress embed (a secret is known) a click becomes WordPress's
   {message: "link", value: url, secret}, which WordPress follows in the main window, because
   its sandbox lets no link leave the frame; elsewhere links open a new tab. */
(function () {
  "use strict";
  var query = new URLSearchParams(location.search);
  var theme = query.get("theme");
  if (query.get("view") === "full") document.body.setAttribute("data-db-view", "full");
  var dark = matchMedia("(prefers-color-scheme: dark)");

  function applyScheme() {
    var isDark = theme === "dark" || (theme === "auto" && dark.matches);
    document.body.setAttribute("data-md-color-scheme", isDark ? "slate" : "default");
  }
  applyScheme();
  dark.addEventListener("change", applyScheme);

  if (window.parent === window) return;
  // embed/<id>/, or embed/<id>.html without directory URLs
  var id = location.pathname.split("/").filter(Boolean).pop().replace(/\.html$/, "");
  var secret = null;
  var sent = 0;

  function readSecret() {
    var match = /secret=([A-Za-z0-9]+)/.exec(location.hash);
    if (match) secret = match[1];
  }

  function post(message) {
    window.parent.postMessage(message, "*");
  }

  function sendHeight(force) {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent && force !== true) return;
    sent = height;
    if (secret) post({ message: "height", value: height, secret: secret });
    post({ type: "drillbook:height", id: id, height: height });
  }

  function resendSoon() {
    [250, 1000, 3000].forEach(function (delay) {
      setTimeout(function () { sendHeight(true); }, delay);
    });
  }

  readSecret();
  addEventListener("hashchange", readSecret);
  addEventListener("load", function () { sendHeight(true); resendSoon(); });
  addEventListener("resize", function () { sendHeight(); });
  if (window.ResizeObserver) new ResizeObserver(function () { sendHeight(); }).observe(document.documentElement);

  addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.message !== "ready") return;
    if (typeof data.secret === "string" && /^[A-Za-z0-9]+$/.test(data.secret)) secret = data.secret;
    sendHeight(true);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !secret || event.defaultPrevented || event.button !== 0) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    post({ message: "link", value: link.href, secret: secret });
  });
})();
