// The score form's running total: the sum of the points typed for each criterion (the server
// computes it again on submission; this only shows it while scoring).
(function () {
  var form = document.getElementById("score-form");
  var total = document.getElementById("score-total");
  if (!form || !total) { return; }
  function update() {
    var sum = 0, filled = 0;
    form.querySelectorAll("input.criterion-points").forEach(function (input) {
      var value = parseInt(input.value, 10);
      if (!isNaN(value)) { sum += value; filled += 1; }
    });
    total.textContent = filled ? String(sum) : "—";
  }
  form.addEventListener("input", update);
  update();
})();
