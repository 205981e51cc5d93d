// Shared by the fixture apps: what an unmodified 一起用 app does to get the API (docs/guides/app-developer.md). It
// tests the UA for the client's marker and loads Tencent's SDK lazily, then calls
// `window.fixtureBoot(wemeet, ctx)`, which each fixture defines. It knows nothing of Yiqi.
(function () {
  var SDK = "https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-1.0.70.js";
  function boot() {
    wemeet.app.getRunningContext().then(function (ctx) {
      document.body.dataset.scene = ctx.scene;
      window.fixtureBoot(wemeet, ctx);
    });
  }
  if (navigator.userAgent.indexOf("app/tencent_wemeet") === -1) {
    document.body.dataset.scene = "outside-wemeet";
  } else if (typeof wemeet === "undefined") {
    var s = document.createElement("script");
    s.src = SDK;
    s.onload = boot;
    document.head.appendChild(s);
  } else {
    boot();
  }
})();
