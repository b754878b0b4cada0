// The hotline's crisis key (no inline scripts: CSP). Alt+Shift+K presses the crisis button from anywhere
// in the contact form, so nothing typed is lost; when htmx has loaded the panel its heading takes the
// focus (a screen reader reads it), and Escape inside the panel returns to where the operator was.
(function () {
  "use strict";
  var returnTo = null;

  function isCrisisKey(event) {
    return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyK";
  }

  document.addEventListener("keydown", function (event) {
    var button = document.querySelector("[data-crisis-key]");
    var panel = document.getElementById("crisis-panel");
    if (!button || !panel) {
      return;
    }
    if (isCrisisKey(event)) {
      event.preventDefault();
      returnTo = document.activeElement;
      button.click();
    } else if (event.key === "Escape" && returnTo && panel.contains(document.activeElement)) {
      returnTo.focus();
      returnTo = null;
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-crisis-key]");
    if (button && !returnTo) {
      returnTo = button;
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === "crisis-panel") {
      var heading = target.querySelector("[data-crisis-heading]");
      if (heading) {
        heading.focus();
      }
    }
  });
})();
