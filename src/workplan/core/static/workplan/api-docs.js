// Swagger UI draws the parameter fields without a label; each gets the parameter's name, so
// a screen reader says what it is for (WCAG 4.1.2). Swagger UI redraws as the reader opens
// operations, hence the observer.
(function () {
  "use strict";
  function label() {
    document.querySelectorAll("tr[data-param-name]").forEach(function (row) {
      var name = row.getAttribute("data-param-name");
      row.querySelectorAll("select, input, textarea").forEach(function (field) {
        if (!field.hasAttribute("aria-label") && !field.labels.length) {
          field.setAttribute("aria-label", name);
        }
      });
    });
  }
  new MutationObserver(label).observe(document.body, { childList: true, subtree: true });
})();
