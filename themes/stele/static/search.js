// Loads Pagefind's search UI into the search box. Pagefind picks the index of the page's
// language from <html lang>. Browsers refuse to load the index into a page opened from a
// file, so there the box explains instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-stele-search]");
  if (!box) {
    return;
  }
  if (location.protocol === "file:") {
    var note = box.querySelector("[data-stele-search-offline]");
    if (note) {
      note.hidden = false;
    }
    return;
  }
  // From the document's base: a 404 page shown at any address has a <base> for its links.
  var bundle = new URL(box.getAttribute("data-bundle"), document.baseURI).pathname;
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = bundle + "pagefind-ui.css";
  document.head.appendChild(style);
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    var mount = document.createElement("div");
    box.appendChild(mount);
    // Pagefind names its input by a title only; give it the box's own label, in the
    // page's language, once it is there.
    var label = function () {
      var input = mount.querySelector("input");
      if (input) {
        input.setAttribute("aria-label", box.getAttribute("aria-label"));
      }
      return Boolean(input);
    };
    var watch = new MutationObserver(function () {
      if (label()) {
        watch.disconnect();
      }
    });
    watch.observe(mount, { childList: true, subtree: true });
    new window.PagefindUI({
      element: mount,
      bundlePath: bundle,
      showSubResults: true,
      showImages: false,
      resetStyles: false
    });
    if (label()) {
      watch.disconnect();
    }
  };
  document.head.appendChild(script);
})();
