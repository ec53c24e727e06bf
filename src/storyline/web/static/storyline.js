// storyline: a little progressive enhancement. Every page works without it.
(function () {
  "use strict";

  // Timeline filters apply as soon as one changes (the Apply button stays for no-JS use).
  var filters = document.getElementById("timeline-filters");
  if (filters) {
    filters.addEventListener("change", function () { filters.submit(); });
  }

  // Keys on the timeline: "-" zooms out, arrows move earlier and later.
  var keys = { "-": "zoom-out", "_": "zoom-out", "ArrowLeft": "pan-before", "ArrowRight": "pan-after" };
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) { return; }
    var link = keys[event.key] && document.getElementById(keys[event.key]);
    if (link) {
      event.preventDefault();
      window.location.assign(link.href);
    }
  });

  // A sentence or mention reached through a link is scrolled to the middle of the screen.
  if (window.location.hash) {
    var anchor = document.getElementById(window.location.hash.slice(1));
    if (anchor && anchor.scrollIntoView) {
      anchor.scrollIntoView({ block: "center" });
    }
  }
}());
