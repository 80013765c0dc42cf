/* Drillbook embed page: pick the colour scheme (?theme=light|dark, else the reader's
   setting) and tell the embedding page this page's height, on load and on every resize:
   WordPress's embed message ({message: "height", value, secret}, secret from the
   "#?secret=…" fragment) and {type: "drillbook:height", id, height} for the snippet. */
(function () {
  "use strict";
  var theme = new URLSearchParams(location.search).get("theme");
  var dark = matchMedia("(prefers-color-scheme: dark)");

  function applyScheme() {
    var isDark = theme === "dark" || (theme !== "light" && dark.matches);
    document.body.setAttribute("data-md-color-scheme", isDark ? "slate" : "default");
  }
  applyScheme();
  dark.addEventListener("change", applyScheme);

  if (window.parent === window) return;
  var id = location.pathname.split("/").filter(Boolean).pop();
  var secret = null;
  var sent = 0;

  function readSecret() {
    var match = /secret=([A-Za-z0-9]+)/.exec(location.hash);
    if (match) secret = match[1];
  }

  function sendHeight(force) {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent && force !== true) return;
    sent = height;
    if (secret) window.parent.postMessage({ message: "height", value: height, secret: secret }, "*");
    window.parent.postMessage({ type: "drillbook:height", id: id, height: height }, "*");
  }

  readSecret();
  addEventListener("hashchange", readSecret);
  addEventListener("load", function () { sendHeight(true); });
  addEventListener("resize", sendHeight);
  if (window.ResizeObserver) new ResizeObserver(sendHeight).observe(document.documentElement);
  /* WordPress's wp-embed.js sends "ready" with the secret once it is listening. */
  addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.message !== "ready") return;
    if (typeof data.secret === "string" && /^[A-Za-z0-9]+$/.test(data.secret)) secret = data.secret;
    sendHeight(true);
  });
})();
