// The field-record form (assistants/record_form.html) and the shift's work page (assistants/shift_work.html).
//
// - The syringe count is shown, and sent, only for the syringes category. The server checks it anyway.
// - Nothing is lost when the APK is interrupted (a call, a flat battery, no signal): the unsent form is kept in
//   localStorage under the shift and the form's client_token, and restored when the form opens again - with the
//   same token, so a record that did reach the server is not saved twice. The work page forgets the draft once
//   the server has confirmed the save (it is opened with ?saved=<token>).
(function () {
  "use strict";

  var store = (function () {
    try {
      window.localStorage.getItem("svl");
      return window.localStorage;
    } catch (error) {
      return null; // storage disabled: the form works, only without drafts
    }
  })();

  function readDraft(key) {
    try {
      return JSON.parse(store.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function forgetSavedDraft(page) {
    var params = new URLSearchParams(window.location.search);
    var saved = params.get("saved");
    if (!saved) {
      return;
    }
    if (store) {
      store.removeItem(page.dataset.draftPrefix + saved);
    }
    params.delete("saved");
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function setUpRecordForm(form) {
    var tokenInput = form.elements.namedItem("client_token");
    var serverToken = tokenInput ? tokenInput.value : "";
    var syringeField = document.getElementById("syringe-count-field");
    var syringeInput = form.elements.namedItem("syringe_count");
    var notice = document.getElementById("record-draft-notice");
    var discardButton = document.getElementById("record-draft-discard");
    var key = form.dataset.draftKey;

    function toggleSyringes() {
      if (!syringeField || !syringeInput) {
        return;
      }
      var checked = form.querySelector("input[name=category]:checked");
      var needed = Boolean(checked && checked.hasAttribute("data-syringes"));
      // A field the server complained about stays visible, so the message is never hidden.
      var show = needed || syringeInput.classList.contains("is-invalid");
      syringeField.hidden = !show;
      syringeInput.disabled = !show;
    }

    function inputs() {
      return Array.prototype.filter.call(form.elements, function (element) {
        return element.name && ["hidden", "submit", "button"].indexOf(element.type) === -1;
      });
    }

    function collect() {
      var values = {};
      inputs().forEach(function (element) {
        if (element.type === "radio") {
          if (element.checked) {
            values[element.name] = element.value;
          }
        } else if (element.type === "checkbox") {
          values[element.name] = element.checked;
        } else {
          values[element.name] = element.value;
        }
      });
      return values;
    }

    function apply(values) {
      inputs().forEach(function (element) {
        if (!Object.prototype.hasOwnProperty.call(values, element.name)) {
          return;
        }
        var value = values[element.name];
        if (element.type === "radio") {
          element.checked = element.value === value;
        } else if (element.type === "checkbox") {
          element.checked = value === true;
        } else {
          element.value = value;
        }
      });
    }

    function save() {
      if (!store) {
        return;
      }
      var draft = {
        savedAt: Date.now(),
        version: form.dataset.draftVersion || "",
        token: tokenInput ? tokenInput.value : "",
        values: collect()
      };
      try {
        store.setItem(key, JSON.stringify(draft));
      } catch (error) {
        // Storage full: the form still saves to the server.
      }
    }

    function findDraft() {
      if (!store || form.dataset.draftRestore !== "true") {
        return null;
      }
      var prefix = form.dataset.draftPrefix;
      if (!prefix) {
        // An edited record: its own draft, and only if nobody has changed the record since.
        var own = readDraft(key);
        return own && own.version === form.dataset.draftVersion ? { key: key, draft: own } : null;
      }
      // A new record: the newest unsent draft of this shift (edits of existing records are not candidates).
      var found = null;
      for (var index = 0; index < store.length; index += 1) {
        var candidateKey = store.key(index);
        if (candidateKey && candidateKey.indexOf(prefix) === 0 && candidateKey.indexOf(prefix + "record-") !== 0) {
          var candidate = readDraft(candidateKey);
          if (candidate && candidate.token && (!found || candidate.savedAt > found.draft.savedAt)) {
            found = { key: candidateKey, draft: candidate };
          }
        }
      }
      return found;
    }

    var restored = findDraft();
    if (restored) {
      apply(restored.draft.values || {});
      if (tokenInput && restored.draft.token) {
        tokenInput.value = restored.draft.token;
      }
      key = restored.key;
      if (notice) {
        notice.hidden = false;
      }
    } else if (form.dataset.draftRestore !== "true") {
      save(); // the server sent the form back with errors: keep what the user typed
    }
    toggleSyringes();

    form.addEventListener("input", save);
    form.addEventListener("change", function (event) {
      if (event.target.name === "category") {
        toggleSyringes();
      }
      save();
    });

    if (discardButton) {
      discardButton.addEventListener("click", function () {
        if (store) {
          store.removeItem(key);
        }
        form.reset();
        if (tokenInput) {
          tokenInput.value = serverToken;
        }
        key = form.dataset.draftKey;
        toggleSyringes();
        if (notice) {
          notice.hidden = true;
        }
      });
    }
  }

  var page = document.querySelector("[data-record-drafts]");
  if (page) {
    forgetSavedDraft(page);
  }
  var form = document.querySelector("form[data-draft-key]");
  if (form) {
    setUpRecordForm(form);
  }
})();
