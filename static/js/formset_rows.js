// "Add a row" for the formsets of the meeting pages (agenda items, guests). Without JavaScript the pages offer a few
// blank rows and the button stays hidden; with it, the button copies the empty form kept in a <template> and
// numbers it after the existing rows, as Django's formset management form expects.
(function () {
  "use strict";

  document.querySelectorAll("[data-formset]").forEach(function (container) {
    var button = container.querySelector("[data-formset-add]");
    var template = container.querySelector("template[data-formset-empty]");
    var total = container.querySelector("input[name$='-TOTAL_FORMS']");
    if (!button || !template || !total) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var wrapper = document.createElement("div");
      wrapper.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var row = wrapper.firstElementChild;
      button.parentNode.insertBefore(row, template);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), textarea");
      if (first) {
        first.focus();
      }
    });
  });
})();
