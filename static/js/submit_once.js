// Forms marked data-submit-once send once: a double tap on a tablet, or a second tap while the network is slow,
// would otherwise post the same action twice. The server stays the guard (tokens, versions); this spares the
// user the second request and its error message.
(function () {
  "use strict";

  function buttonsOf(form) {
    return form.querySelectorAll("button[type=submit], input[type=submit], button:not([type])");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-submit-once")) {
      return;
    }
    if (form.dataset.submitting === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "true";
    // Disable after the browser has taken the form data, so the pressed button's own value is still sent.
    window.setTimeout(function () {
      buttonsOf(form).forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });

  // Coming back with the Back button shows the page from the cache with its buttons still disabled.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      delete form.dataset.submitting;
      buttonsOf(form).forEach(function (button) {
        button.disabled = false;
      });
    });
  });
})();
