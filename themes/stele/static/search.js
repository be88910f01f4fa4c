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
  var bundle = new URL(box.getAttribute("data-bundle"), location.href).pathname;
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = bundle + "pagefind-ui.css";
  document.head.appendChild(style);
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    var mount = document.createElement("div");
    box.appendChild(mount);
    new window.PagefindUI({
      element: mount,
      bundlePath: bundle,
      showSubResults: true,
      showImages: false,
      resetStyles: false
    });
  };
  document.head.appendChild(script);
})();
