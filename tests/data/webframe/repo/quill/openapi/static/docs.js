/* quill docs UI glue: boots Swagger UI and adds a few conveniences. */
(function () {
  "use strict";

  var AUTH_STORAGE_KEY = "quill-docs-auth";
  var THEME_STORAGE_KEY = "quill-docs-theme";

  function readConfig() {
    var el = document.getElementById("quill-docs");
    if (!el) {
      throw new Error("quill docs: missing #quill-docs element");
    }
    return JSON.parse(el.getAttribute("data-config") || "{}");
  }

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var idx = parts[i].indexOf("=");
      if (parts[i].slice(0, idx) === name) {
        return decodeURIComponent(parts[i].slice(idx + 1));
      }
    }
    return null;
  }

  function csrfInterceptor(request) {
    var token = readCookie("csrftoken");
    if (token && request.method && request.method.toUpperCase() !== "GET") {
      request.headers["X-CSRF-Token"] = token;
    }
    return request;
  }

  function applyTheme(theme) {
    document.documentElement.setAttribute("data-theme", theme);
  }

  function initTheme() {
    var stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    var media = window.matchMedia("(prefers-color-scheme: dark)");
    applyTheme(stored || (media.matches ? "dark" : "light"));
    media.addEventListener("change", function (event) {
      if (!window.localStorage.getItem(THEME_STORAGE_KEY)) {
        applyTheme(event.matches ? "dark" : "light");
      }
    });
  }

  function persistAuth(ui) {
    var saved = window.localStorage.getItem(AUTH_STORAGE_KEY);
    if (saved) {
      try {
        ui.authActions.authorize(JSON.parse(saved));
      } catch (err) {
        window.localStorage.removeItem(AUTH_STORAGE_KEY);
      }
    }
    ui.getSystem().authSelectors.authorized &&
      window.addEventListener("beforeunload", function () {
        var auth = ui.getSystem().authSelectors.authorized().toJS();
        window.localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(auth));
      });
  }

  function boot() {
    var config = readConfig();
    initTheme();
    var ui = window.SwaggerUIBundle({
      url: config.openapiUrl,
      dom_id: "#quill-docs",
      deepLinking: true,
      requestInterceptor: csrfInterceptor,
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
    });
    if (config.persistAuthorization) {
      persistAuth(ui);
    }
    window.quillDocs = ui;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
