// objector: small enhancements on top of pages that work without JavaScript.
(function () {
  "use strict";

  // Move focus to the error summary so screen readers announce it first.
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) { summary.focus(); }

  // Copy buttons: shown only when JavaScript runs; announce "Copied" through a live region.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentNode.querySelector("[data-copied-message]");
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () {
        if (status) {
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
