// objector: small enhancements on top of pages that work without JavaScript.
(function () {
  "use strict";

  // A field named in a link (#email) or a radio group's name (#company): the field itself,
  // else the chosen radio of the group, else its first.
  function fieldFor(name) {
    var found = document.getElementById(name);
    if (found && /^(INPUT|SELECT|TEXTAREA)$/.test(found.tagName)) { return found; }
    var group = Array.prototype.filter.call(document.getElementsByName(name), function (element) {
      return element.type === "radio";
    });
    return group.filter(function (radio) { return radio.checked; })[0] || group[0] || null;
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

  function legacyCopy(source) {
    source.focus();
    source.select();
    try { document.execCommand("copy"); } catch (e) { /* the text stays selected for copying by hand */ }
  }
})();
