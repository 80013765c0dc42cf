/* The coach's pick: the cards she chooses, kept in this browser (localStorage: no account,
   no server, works offline and from any static host).

   On any page, "Add to pick" buttons (data-pick-ids) and the "Your pick" link are rendered
   hidden, so a browser without scripts shows neither; this script shows them.

   On the pick page (cards/pick/) it lists the pick in order, to reorder, remove or clear,
   and fills the print container with copies of each card page's own elements, fetched from
   this site: the card (article.db-card), the station card (article.db-station) or the
   session sheet row (section.db-sheet-row). `?ids=ID,ID&layout=card|half|sheet` opens a pick
   and keeps it. Nothing a link carries is written as markup: ids and names go in as text,
   and only the site's own card pages are parsed as HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  // The site's root is this file's folder's parent; one pick per site, also on a shared host.
  var KEY = "drillbook-pick:" + new URL("../", script.src).pathname;
  var LAYOUTS = ["card", "half", "sheet"];
  var PARTS = { card: "article.db-card", half: "article.db-station", sheet: "section.db-sheet-row" };
  var UNKNOWN_SHOWN = 40; // characters of an unknown id named on the page
  var refresh = function () {};

  function load() {
    var saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(KEY));
    } catch (error) {
      // No storage (blocked, or a private window that refuses it): the pick lives in the page.
    }
    saved = saved && typeof saved === "object" ? saved : {};
    var text = function (value) {
      return typeof value === "string" ? value : "";
    };
    return {
      ids: Array.isArray(saved.ids) ? saved.ids.filter(function (id) { return typeof id === "string"; }) : [],
      layout: LAYOUTS.indexOf(saved.layout) >= 0 ? saved.layout : "card",
      title: text(saved.title),
      date: text(saved.date),
    };
  }

  function save(pick) {
    try {
      localStorage.setItem(KEY, JSON.stringify(pick));
    } catch (error) {
      // See load().
    }
  }

  function idsOf(button) {
    return button.getAttribute("data-pick-ids").split(",").filter(Boolean);
  }

  function element(tag, className) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    return made;
  }

  /* "Add to pick" and "Add all to pick": a button for one card is a toggle (pressed while
     the card is in the pick); a button for several adds those not in it yet. */
  function setUpButtons(root) {
    var buttons = Array.prototype.slice.call(root.querySelectorAll("button.db-pick-add[data-pick-ids]"));
    var links = Array.prototype.slice.call(root.querySelectorAll(".db-pick-open"));
    var notes = Array.prototype.slice.call(root.querySelectorAll(".db-pick-note"));
    if (!buttons.length && !links.length) return function () {};
    var status = element("p", "db-visually-hidden");
    status.setAttribute("role", "status");
    (root.querySelector('[data-md-component="content"]') || root.body).appendChild(status);
    links.forEach(function (link) {
      link.appendChild(document.createTextNode(" "));
      link.appendChild(element("span", "db-pick-count"));
    });

    function show() {
      var ids = load().ids;
      buttons.forEach(function (button) {
        var own = idsOf(button);
        if (own.length === 1) button.setAttribute("aria-pressed", String(ids.indexOf(own[0]) >= 0));
        button.hidden = false;
      });
      links.forEach(function (link) {
        link.querySelector(".db-pick-count").textContent = "(" + ids.length + ")";
        link.hidden = false;
      });
      notes.forEach(function (note) {
        note.hidden = false;
      });
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var pick = load();
        var own = idsOf(button);
        if (own.length === 1 && pick.ids.indexOf(own[0]) >= 0) {
          pick.ids.splice(pick.ids.indexOf(own[0]), 1);
        } else {
          own.forEach(function (id) {
            if (pick.ids.indexOf(id) < 0) pick.ids.push(id);
          });
        }
        save(pick);
        show();
        if (links.length) status.textContent = links[0].textContent.replace(/\s+/g, " ").trim();
      });
    });
    show();
    return show;
  }

  /* The pick page. */
  function setUpPickPage(app) {
    var printBox = document.querySelector(".db-pick-print");
    var list = app.querySelector(".db-pick-list");
    var linkField = app.querySelector("[data-pick-link]");
    var copied = app.querySelector("[data-pick-copied]");
    var sheetFields = app.querySelector(".db-pick-sheet-fields");
    var continues = app.querySelector("[data-pick-continues]");
    var printButton = app.querySelector('[data-pick-action="print"]');
    var sheetRows = parseInt(printBox.getAttribute("data-sheet-rows"), 10) || 6;
    // Every card of the site: its name, and its page's URL (relative to this page in the data).
    var cards = {};
    var listed = JSON.parse(document.querySelector("script.db-pick-cards").textContent);
    Object.keys(listed).forEach(function (id) {
      cards[id] = { name: listed[id].name, url: new URL(listed[id].url, document.baseURI).href };
    });
    var known = function (id) {
      return Object.prototype.hasOwnProperty.call(cards, id);
    };
    var pages = {}; // card id -> promise of its parsed page, or null when it could not be loaded
    var unknown = [];
    var failed = [];
    var rendering = Promise.resolve();
    var generation = 0;

    var pick = load();
    var query = new URLSearchParams(window.location.search);
    if (query.has("ids")) {
      pick.ids = query.get("ids").split(",").map(function (id) { return id.trim(); }).filter(Boolean);
    }
    if (LAYOUTS.indexOf(query.get("layout")) >= 0) pick.layout = query.get("layout");
    // Ids of no card here (a mistyped link, a card removed since) are named, and left out.
    var kept = [];
    pick.ids.forEach(function (id) {
      if (!known(id)) {
        var shown = id.length > UNKNOWN_SHOWN ? id.slice(0, UNKNOWN_SHOWN) + "…" : id;
        if (unknown.indexOf(shown) < 0) unknown.push(shown);
      } else if (kept.indexOf(id) < 0) {
        kept.push(id);
      }
    });
    pick.ids = kept;
    save(pick);

    // Shows the message `name` with `text` in its slot, or hides it when `text` is null.
    function message(name, text) {
      var box = app.querySelector('[data-pick-message="' + name + '"]');
      var slot = box.querySelector("[data-pick-slot]");
      if (slot) slot.textContent = text || "";
      box.hidden = text === null;
    }

    function linkToPick() {
      var url = new URL(window.location.pathname, window.location.href);
      return pick.ids.length ? url.href + "?ids=" + pick.ids.join(",") + "&layout=" + pick.layout : url.href;
    }

    function showState() {
      message("empty", pick.ids.length ? null : "");
      message("unknown", unknown.length ? unknown.join(", ") : null);
      var sheets = Math.ceil(pick.ids.length / sheetRows);
      message("pages", pick.layout === "sheet" && sheets > 1 ? String(sheets) : null);
      app.querySelectorAll('input[name="db-pick-layout"]').forEach(function (radio) {
        radio.checked = radio.value === pick.layout;
      });
      sheetFields.hidden = pick.layout !== "sheet";
      app.querySelectorAll("[data-pick-field]").forEach(function (field) {
        var value = pick[field.getAttribute("data-pick-field")];
        if (field.value !== value) field.value = value;
      });
      printButton.disabled = !pick.ids.length;
      linkField.value = linkToPick();
      if (window.location.href !== linkField.value) window.history.replaceState(null, "", linkField.value);
    }

    function showList(focus) {
      list.textContent = "";
      var words = { up: list.getAttribute("data-up"), down: list.getAttribute("data-down"), remove: list.getAttribute("data-remove") };
      pick.ids.forEach(function (id, index) {
        var item = element("li", "db-pick-item");
        var name = element("a", "db-pick-item__name");
        name.id = "db-pick-name-" + index;
        name.href = cards[id].url;
        name.textContent = cards[id].name;
        item.appendChild(name);
        var tools = element("span", "db-pick-item__tools");
        ["up", "down", "remove"].forEach(function (action) {
          var button = element("button", "md-button db-pick-item__" + action);
          button.type = "button";
          button.id = "db-pick-" + action + "-" + index;
          button.textContent = words[action];
          button.setAttribute("aria-labelledby", button.id + " " + name.id);
          button.setAttribute("data-index", String(index));
          button.setAttribute("data-action", action);
          button.disabled = (action === "up" && index === 0) || (action === "down" && index === pick.ids.length - 1);
          tools.appendChild(button);
        });
        item.appendChild(tools);
        list.appendChild(item);
      });
      if (focus) focusAfterChange(focus.action, focus.index);
    }

    // Keeps the keyboard where it was: on the same button of the card just moved, or on the
    // next card's Remove once one is removed.
    function focusAfterChange(action, index) {
      var order = action === "up" ? ["up", "down", "remove"] : ["down", "up", "remove"];
      if (action === "remove") order = ["remove"];
      var item = list.children[Math.min(index, list.children.length - 1)];
      if (!item) {
        app.querySelector('[data-pick-message="empty"]').focus();
        return;
      }
      for (var i = 0; i < order.length; i++) {
        var button = item.querySelector('[data-action="' + order[i] + '"]');
        if (!button.disabled) {
          button.focus();
          return;
        }
      }
    }

    function cardPage(id) {
      if (!pages[id]) {
        pages[id] = fetch(cards[id].url)
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.text();
          })
          .then(function (html) {
            return new DOMParser().parseFromString(html, "text/html");
          })
          .catch(function () {
            delete pages[id];
            return null;
          });
      }
      return pages[id];
    }

    // The card pages' own stylesheets: any the pick page lacks is added, so a copy prints
    // as on its page.
    function adoptStylesheets(doc, pageUrl) {
      var have = {};
      document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
        have[link.href] = true;
      });
      var loads = [];
      doc.querySelectorAll('link[rel~="stylesheet"][href]').forEach(function (link) {
        var href = new URL(link.getAttribute("href"), pageUrl).href;
        if (have[href] || new URL(href).origin !== window.location.origin) return;
        var added = element("link");
        added.rel = "stylesheet";
        added.href = href;
        loads.push(new Promise(function (done) {
          added.onload = added.onerror = done;
        }));
        document.head.appendChild(added);
        have[href] = true;
      });
      return loads;
    }

    // A copy's images and links, resolved against its own page, not the pick page.
    function resolveUrls(copy, pageUrl) {
      copy.querySelectorAll("[src], [href]").forEach(function (node) {
        ["src", "href"].forEach(function (name) {
          var value = node.getAttribute(name);
          if (value !== null && value.charAt(0) !== "#") node.setAttribute(name, new URL(value, pageUrl).href);
        });
      });
    }

    // What the coach typed, as text; a line she left empty is left out.
    function typed(shown, value) {
      shown.textContent = value;
      shown.hidden = !value.trim();
    }

    function sheetHead() {
      var head = element("header", "db-sheet-head");
      var title = element("h2", "db-sheet-head__title");
      var date = element("p", "db-sheet-head__date");
      typed(title, pick.title);
      typed(date, pick.date);
      head.appendChild(title);
      head.appendChild(date);
      return head;
    }

    function showPrint() {
      var run = ++generation;
      var layout = pick.layout;
      var ids = pick.ids.slice();
      printBox.setAttribute("aria-busy", "true");
      rendering = Promise.all(ids.map(cardPage)).then(function (docs) {
        if (run !== generation) return;
        var parts = [];
        var loads = [];
        failed = [];
        docs.forEach(function (doc, index) {
          var part = doc && doc.querySelector(PARTS[layout]);
          if (!part) {
            failed.push(cards[ids[index]].name);
            return;
          }
          var url = cards[ids[index]].url;
          loads = loads.concat(adoptStylesheets(doc, url));
          var copy = document.importNode(part, true);
          copy.removeAttribute("hidden");
          resolveUrls(copy, url);
          parts.push(copy);
        });
        printBox.textContent = "";
        printBox.className = "db-pick-print db-pick-print--" + layout;
        if (layout === "sheet") printBox.appendChild(sheetHead());
        parts.forEach(function (part, index) {
          if (layout === "sheet" && index > 0 && index % sheetRows === 0) {
            var more = continues.cloneNode(true);
            more.removeAttribute("data-pick-continues");
            more.querySelector("[data-pick-page]").textContent = String(index / sheetRows + 1);
            more.querySelector("[data-pick-pages]").textContent = String(Math.ceil(parts.length / sheetRows));
            more.hidden = false;
            printBox.appendChild(more);
          }
          printBox.appendChild(part);
        });
        message("failed", failed.length ? failed.join(", ") : null);
        var images = Array.prototype.map.call(printBox.querySelectorAll("img"), function (image) {
          return image.decode ? image.decode().catch(function () {}) : null;
        });
        return Promise.all(loads.concat(images, [document.fonts ? document.fonts.ready : null])).then(function () {
          if (run === generation) printBox.setAttribute("aria-busy", "false");
        });
      });
      return rendering;
    }

    function show(focus) {
      showState();
      showList(focus);
      showPrint();
    }

    function changed(focus) {
      save(pick);
      show(focus);
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var index = parseInt(button.getAttribute("data-index"), 10);
      var action = button.getAttribute("data-action");
      var to = action === "up" ? index - 1 : index + 1;
      if (action === "remove") {
        pick.ids.splice(index, 1);
      } else if (to >= 0 && to < pick.ids.length) {
        var moved = pick.ids.splice(index, 1)[0];
        pick.ids.splice(to, 0, moved);
        index = to;
      }
      changed({ action: action, index: index });
    });
    app.querySelectorAll('input[name="db-pick-layout"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        pick.layout = radio.value;
        changed();
      });
    });
    app.querySelectorAll("[data-pick-field]").forEach(function (field) {
      field.addEventListener("input", function () {
        var name = field.getAttribute("data-pick-field");
        pick[name] = field.value;
        save(pick);
        var shown = printBox.querySelector(".db-sheet-head__" + name);
        if (shown) typed(shown, field.value);
      });
    });
    app.querySelector('[data-pick-action="clear"]').addEventListener("click", function () {
      pick.ids = [];
      unknown = [];
      changed();
      app.querySelector('[data-pick-message="empty"]').focus();
    });
    printButton.addEventListener("click", function () {
      rendering.then(function () {
        window.print();
      });
    });
    app.querySelector('[data-pick-action="copy"]').addEventListener("click", function () {
      var done = function () {
        copied.textContent = copied.getAttribute("data-pick-copied");
      };
      var byHand = function () {
        linkField.select();
        if (document.execCommand("copy")) done();
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(linkField.value).then(done, byHand);
      } else {
        byHand();
      }
    });
    app.querySelector('[data-pick-message="empty"]').tabIndex = -1;
    linkField.addEventListener("focus", function () {
      linkField.select();
    });

    document.querySelectorAll(".db-pick-noscript").forEach(function (note) {
      note.hidden = true;
    });
    app.hidden = false;
    show();
    // The pick as another tab left it.
    return function () {
      var stored = load();
      pick.ids = stored.ids.filter(known);
      pick.layout = stored.layout;
      pick.title = stored.title;
      pick.date = stored.date;
      show();
    };
  }

  function setUp() {
    var app = document.querySelector(".db-pick");
    var showButtons = setUpButtons(document);
    var showPick = app ? setUpPickPage(app) : function () {};
    refresh = function () {
      showButtons();
      showPick();
    };
  }

  // Another tab changed the pick, or the page came back from the back-forward cache.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) refresh();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) refresh();
  });
  // Material's instant navigation swaps pages without loading this script again.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else {
    setUp();
  }
})();
