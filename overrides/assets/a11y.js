// landmark-unique: Material names each section's <nav> after the label that opens it, and
// when the section has an index page (navigation.indexes) that label holds only an icon. Two
// such sections are two unnamed navigation landmarks, which axe-core reports on a phone, where
// the whole navigation drawer stays in the page. Name each empty label after its section's
// title, so the section's nav and the toggle itself both carry the section's name.
document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
  var label = document.getElementById(nav.getAttribute("aria-labelledby"));
  var title = nav.querySelector(":scope > .md-nav__title");
  if (label && title && !label.textContent.trim()) {
    label.setAttribute("aria-label", title.textContent.trim());
  }
});
