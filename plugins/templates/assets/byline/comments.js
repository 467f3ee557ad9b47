/*
 * Byline comments: load Isso's embed script once, and re-initialise it whenever Material's
 * instant navigation swaps the page without a reload (Material's `document$` emits for the
 * first page and for every page change). Pages without a thread or a count link load nothing.
 */
(function () {
  function refresh() {
    var hook = document.querySelector("[data-byline-isso]");
    if (!hook) return;
    if (window.Isso) {
      window.Isso.init();  // fills count links; builds the thread when the page has one
      if (document.getElementById("isso-thread")) window.Isso.fetchComments();
      return;
    }
    if (document.getElementById("byline-isso-embed")) return;  // still loading: it initialises itself
    var endpoint = hook.getAttribute("data-byline-isso");
    var script = document.createElement("script");
    script.id = "byline-isso-embed";
    script.src = endpoint + "/js/embed.min.js";
    script.setAttribute("data-isso", endpoint);
    document.body.appendChild(script);
  }
  if (window.document$) {
    window.document$.subscribe(refresh);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refresh);
  } else {
    refresh();
  }
})();
