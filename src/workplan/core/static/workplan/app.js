// Asks before a form marked data-confirm is sent (archiving, for example). Without
// scripts the form is sent at once; the action can still be undone by the Secretariat.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
