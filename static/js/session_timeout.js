// The warning before a signed-in session ends for inactivity (templates/_session_timeout.html).
//
// The server signs a session out after SESSION_IDLE_TIMEOUT seconds without a request
// (svl.middleware.SessionLifetimeMiddleware); the page knows that timeout from data-idle-timeout. Shortly before it
// ends (data-warning-before seconds) the alert appears with a countdown and a "Zůstat přihlášen" button, which posts
// the form (its CSRF token included: the CSRF cookie is HttpOnly) to the keep-alive URL and starts the wait again.
// When the time is up the page goes to the login page, where the server says why the user was signed out.
(function () {
  "use strict";

  var box = document.getElementById("session-timeout");
  if (!box || !window.fetch) {
    return;
  }
  var timeoutMs = Number(box.dataset.idleTimeout) * 1000;
  var warningMs = Number(box.dataset.warningBefore) * 1000;
  var loginUrl = box.dataset.loginUrl;
  var form = box.querySelector("form");
  var countdown = box.querySelector("[data-session-countdown]");
  var deadline = 0;
  var warnTimer = null;
  var expireTimer = null;
  var tickTimer = null;

  function showCountdown() {
    var seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    countdown.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function warn() {
    showCountdown();
    box.hidden = false;
    tickTimer = window.setInterval(showCountdown, 1000);
  }

  function expire() {
    window.location.assign(loginUrl);
  }

  function restart() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(expireTimer);
    window.clearInterval(tickTimer);
    box.hidden = true;
    deadline = Date.now() + timeoutMs;
    warnTimer = window.setTimeout(warn, Math.max(0, timeoutMs - warningMs));
    expireTimer = window.setTimeout(expire, timeoutMs);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    // "manual": a session that has already ended answers with a redirect to the login page; follow it as a page.
    window
      .fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        if (response.status === 204) {
          restart();
        } else {
          expire();
        }
      })
      .catch(function () {
        // No connection: the warning stays, and the user can try again.
      });
  });

  restart();
})();
