// objector: small enhancements on top of pages that work without JavaScript.
(function () {
  "use strict";

  // A field named in a link (#email) or a group of radios or checkboxes by its name
  // (#company): the field itself, else the group's first chosen box, else its first.
  function fieldFor(name) {
    var found = document.getElementById(name);
    if (found && /^(INPUT|SELECT|TEXTAREA)$/.test(found.tagName)) { return found; }
    var group = Array.prototype.filter.call(document.getElementsByName(name), function (element) {
      return element.type === "radio" || element.type === "checkbox";
    });
    return group.filter(function (box) { return box.checked; })[0] || group[0] || null;
  }

  // Focus a field and scroll its question into view with it, so that the label or legend
  // is read and seen together with the field.
  function focusField(name) {
    var field = fieldFor(name);
    if (!field) { return false; }
    var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
    var label = document.querySelector("label[for='" + field.id + "']");
    field.focus({ preventScroll: true });
    (legend || label || field).scrollIntoView();
    return true;
  }

  // Links in the error summary go to the field, not just to where it is.
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (focusField(link.getAttribute("href").slice(1))) { event.preventDefault(); }
    });
  });

  // "Change" on the check-your-answers page opens the question at the answer (#field).
  if (window.location.hash.length > 1 && !document.querySelector(".error-summary")) {
    focusField(window.location.hash.slice(1));
  }

  // Copy buttons: shown only when JavaScript runs; announce "Copied" through a live region.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentNode.querySelector("[data-copied-message]");
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () {
        if (status) {
          // Emptied first so that a second copy is announced again.
          status.textContent = "";
          window.setTimeout(function () { status.textContent = status.getAttribute("data-copied-message"); }, 50);
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.value).then(done, function () { legacyCopy(source); done(); });
      } else {
        legacyCopy(source);
        done();
      }
    });
  });

  // Company search: filter the listed companies as one types (chosen ones stay), and say
  // how many match through the live region once typing pauses. Enter or the Search button
  // still asks the server, which also searches the companies not listed.
  var search = document.querySelector("[data-company-search]");
  var searchStatus = document.getElementById("company-status");
  if (search && searchStatus) {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-search-terms]"));
    var messages = JSON.parse(searchStatus.getAttribute("data-messages"));
    var language = document.documentElement.lang;
    var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;
    var timer = null;
    search.addEventListener("input", function () {
      var wanted = compact(search.value);
      var count = 0;
      items.forEach(function (item) {
        var matches = wanted !== "" && item.getAttribute("data-search-terms").indexOf(wanted) !== -1;
        item.hidden = wanted !== "" && !matches && !item.querySelector("input").checked;
        if (matches) { count += 1; }
      });
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var message = "";
        if (wanted && count) {
          message = (messages[plural ? plural.select(count) : "other"] || messages.other)
            .replace("{count}", count.toLocaleString(language));
        } else if (wanted) {
          message = messages.none;
        }
        searchStatus.textContent = message;
      }, 400);
    });
  }

  // The same folding as letters.search.compact: no case, no accents, letters and digits only.
  function compact(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/ß/g, "ss").replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function legacyCopy(source) {
    source.focus();
    source.select();
    try { document.execCommand("copy"); } catch (e) { /* the text stays selected for copying by hand */ }
  }
})();
