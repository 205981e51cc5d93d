// The SDK (through common.js) loads only when the user opens the menu: certify cannot click
// inside an app, so it runs sdk-on-click.setup.mjs in every instance (--setup).
document.getElementById("menu-collaborate").addEventListener(
  "click",
  function () {
    var s = document.createElement("script");
    s.src = "common.js";
    document.body.appendChild(s);
  },
  { once: true },
);
