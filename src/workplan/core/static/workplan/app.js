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
      copy.querySelectorAll("br").forEach(function (node) { node.replaceWith(" "); });
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
    // the page gives both messages in its own language
    var done = function () { if (status) { status.textContent = status.dataset.copied; } };
    var failed = function () { if (status) { status.textContent = status.dataset.failed; } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.value || source.textContent).then(done, failed);
    } else {
      failed();
    }
  });
})();

// The activity form's code: while it is left blank, the hint names the code that will be
// proposed from the priority area and the year of the planned start as they are chosen.
(function () {
  "use strict";
  var code = document.querySelector("input[data-code-prefixes]");
  if (!code) { return; }
  var prefixes = JSON.parse(code.getAttribute("data-code-prefixes"));
  var area = code.form.querySelector("[name=area]");
  var start = code.form.querySelector("[name=planned_start]");
  var hint = document.getElementById(code.id + "_helptext");
  if (!area || !start || !hint) { return; }
  var general = hint.textContent;
  function update() {
    var prefix = prefixes[area.value];
    var year = (start.value.match(/\b(\d{4})\b/) || [])[1];
    if (code.value.trim() || !prefix || !year) {
      hint.textContent = general;
    } else {
      hint.textContent = code.getAttribute("data-code-proposal")
        .replace("{code}", prefix + "-" + year + "-NN");
    }
  }
  [code, area, start].forEach(function (field) {
    field.addEventListener("input", update);
    field.addEventListener("change", update);
  });
  update();
})();
