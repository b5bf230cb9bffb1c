// Shows only the commitments of the chosen priority area. Without this script every
// commitment stays visible, labelled with its area, and the server still checks the choice.
(function () {
  "use strict";
  function showCommitmentsOf(areaId) {
    document.querySelectorAll("input[name=commitments][data-area]").forEach(function (box) {
      var item = box.closest("div") || box.parentElement;
      var matches = !areaId || box.dataset.area === areaId;
      item.hidden = !matches;
      if (!matches) { box.checked = false; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var area = document.getElementById("id_area");
    if (!area) { return; }
    showCommitmentsOf(area.value);
    area.addEventListener("change", function () { showCommitmentsOf(area.value); });
  });
})();
