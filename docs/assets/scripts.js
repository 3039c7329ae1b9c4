/* Record pages (overrides/lean.html) name the site's deferred scripts (mkdocs.yml extra_javascript)
   in one attribute of this deferred script instead of writing a tag for each on every page: it adds
   them, to run in that order once loaded (Material's bundle has run by then, as it had before them). */
(function (me) {
  "use strict";
  var root = new URL("..", me.src);  // the site's root: this file is assets/scripts.js
  me.getAttribute("data-scripts").split(" ").forEach(function (path) {
    var script = document.createElement("script");
    script.src = new URL(path, root).href;
    script.async = false;  // run in the order given, as deferred scripts do
    document.body.appendChild(script);
  });
})(document.currentScript);
