// The contact forms on a tablet (cases/contact_form.html, anonymous_form.html): quick buttons fill the duration,
// the intervention badge shows once the duration reaches the service's threshold, and the locality select is
// shown only for a contact in a locality. Without the script the form still works: every field stays visible.
(function () {
  "use strict";

  var form = document.querySelector("form.contact-form");
  if (!form) {
    return;
  }

  function durationInput(id) {
    return document.getElementById(id);
  }

  function markQuickButtons(input) {
    form.querySelectorAll("[data-duration-for='" + input.id + "']").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.minutes === input.value));
    });
  }

  function showIntervention(input) {
    var badge = document.getElementById("intervention-live");
    var threshold = parseInt(input.dataset.threshold, 10);
    if (!badge || isNaN(threshold)) {
      return;
    }
    var minutes = parseInt(input.value, 10);
    badge.hidden = isNaN(minutes) || minutes < threshold;
  }

  form.querySelectorAll("[data-duration-for]").forEach(function (button) {
    var input = durationInput(button.dataset.durationFor);
    if (!input) {
      return;
    }
    button.addEventListener("click", function () {
      input.value = button.dataset.minutes;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });

  form.querySelectorAll("input[data-threshold], input[name=duration_minutes]").forEach(function (input) {
    input.addEventListener("input", function () {
      markQuickButtons(input);
      showIntervention(input);
    });
    markQuickButtons(input);
    showIntervention(input);
  });

  var locality = document.getElementById("contact-locality");
  var places = form.querySelectorAll("input[name=place]");
  if (locality && places.length) {
    var update = function () {
      var chosen = form.querySelector("input[name=place]:checked");
      locality.hidden = !chosen || chosen.value !== "locality";
    };
    places.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }
})();
