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

// On a phone, the tables lay out as stacked rows (app.css); each cell shows its column's
// name, copied here from the table's header so the templates need not repeat it.
(function () {
  "use strict";
  function label(table) {
    var headers = table.querySelectorAll("thead tr:last-child th");
    if (!headers.length) { return; }
    var names = [];
    headers.forEach(function (th) {
      var span = parseInt(th.getAttribute("colspan") || "1", 10);
      var copy = th.cloneNode(true);  // its name as read aloud: drawings marked aria-hidden left out
      copy.querySelectorAll("[aria-hidden=true]").forEach(function (node) { node.remove(); });
      var name = th.getAttribute("data-label") || copy.textContent.replace(/\s+/g, " ").trim();
      for (var i = 0; i < span; i += 1) { names.push(name); }
    });
    table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (!cell.hasAttribute("data-label") && names[column]) {
          cell.setAttribute("data-label", names[column]);
        }
        column += parseInt(cell.getAttribute("colspan") || "1", 10);
      });
    });
    table.classList.add("stacks");
  }
  function labelAll() { document.querySelectorAll("table.register").forEach(label); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", labelAll);
  } else {
    labelAll();
  }
  document.addEventListener("htmx:afterSwap", labelAll);
})();

// Buttons that need a script are hidden without one: [data-copy] copies the text of the
// element it names, [data-print] prints the page (the recovery codes page).
(function () {
  "use strict";
  document.querySelectorAll("[data-copy], [data-print]").forEach(function (button) {
    button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy], [data-print]");
    if (!button) { return; }
    if (button.hasAttribute("data-print")) { window.print(); return; }
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById("copy-status");
    var done = function () { if (status) { status.textContent = "Copied."; } };
    var failed = function () {
      if (status) { status.textContent = "Could not copy: select the codes and copy them."; }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.value || source.textContent).then(done, failed);
    } else {
      failed();
    }
  });
})();
