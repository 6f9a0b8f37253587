/* The quantitative form as a grid: add and remove rows, numbers shown the Vietnamese way
   (20.000.000; 95,5), live column totals and the check of the "Tổng" row, paste from Excel.
   No framework, no inline script (the pages run under a Content-Security-Policy); the server
   checks everything again when the form is saved. */
(function () {
  "use strict";
  var grid = document.getElementById("grid");
  if (!grid) { return; }
  var body = grid.tBodies[0];
  var check = document.getElementById("grid-check");
  var nextIndex = 1000;

  function parseVn(text) {
    /* "20.000.000" → 20000000, "95,5" → 95.5; null for empty; NaN for a malformed number. */
    var raw = (text || "").replace(/\s|\u00a0/g, "");
    if (raw === "" || raw === "-" || raw === "–") { return null; }
    var sign = 1;
    if (raw.charAt(0) === "-") { sign = -1; raw = raw.slice(1); }
    if (!/^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(raw)) { return NaN; }
    return sign * parseFloat(raw.replace(/\./g, "").replace(",", "."));
  }

  function formatVn(value) {
    if (value === null || isNaN(value)) { return ""; }
    var negative = value < 0;
    var parts = Math.abs(value).toFixed(2).replace(/\.?0+$/, "").split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (negative ? "-" : "") + whole + (parts[1] ? "," + parts[1] : "");
  }

  function fromExcel(text) {
    /* A number copied from an English-locale sheet ("20,000,000" or "1,234.5") becomes
       Vietnamese; anything else is kept as typed. */
    var raw = (text || "").trim();
    if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(raw)) {
      return formatVn(parseFloat(raw.replace(/,/g, "")));
    }
    if (/^-?\d+\.\d{1,2}$/.test(raw)) { return formatVn(parseFloat(raw)); }
    return raw;
  }

  function numericInputs(row) {
    return Array.prototype.filter.call(row.querySelectorAll("input[data-type]"), function (i) {
      return i.getAttribute("data-type") !== "text";
    });
  }

  function recompute() {
    var sums = {}, bad = [], totalRow = body.querySelector("tr.total-row");
    Array.prototype.forEach.call(body.rows, function (row) {
      if (row === totalRow) { return; }
      numericInputs(row).forEach(function (input) {
        var key = input.name.split("-").slice(2).join("-");
        var value = parseVn(input.value);
        input.classList.toggle("bad", value !== null && isNaN(value));
        if (value !== null && isNaN(value)) { bad.push(input.value); return; }
        sums[key] = (sums[key] || 0) + (value || 0);
      });
    });
    Array.prototype.forEach.call(grid.querySelectorAll("[data-sum]"), function (cell) {
      cell.textContent = formatVn(sums[cell.getAttribute("data-sum")] || 0);
    });
    if (!check) { return; }
    var messages = [];
    if (bad.length) {
      messages.push("“" + bad.join("”, “") + "” " + grid.getAttribute("data-msg-bad") + ".");
    }
    if (totalRow) {
      numericInputs(totalRow).forEach(function (input) {
        var key = input.name.split("-").slice(2).join("-");
        var stated = parseVn(input.value);
        if (stated === null || isNaN(stated)) { return; }
        var sum = sums[key] || 0;
        if (Math.abs(stated - sum) > 0.0001) {
          messages.push(grid.getAttribute("data-msg-diff").replace("{stated}", formatVn(stated))
            .replace("{sum}", formatVn(sum)).replace("{diff}", formatVn(stated - sum)));
        }
      });
    }
    check.textContent = messages.length ? messages.join(" ") :
      (totalRow ? grid.getAttribute("data-msg-ok") : "");
    check.classList.toggle("bad", messages.length > 0);
  }

  function renumber() {
    var n = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      if (row.classList.contains("total-row")) { return; }
      n += 1;
      row.cells[0].textContent = String(n);
    });
  }

  function newRow() {
    var template = body.querySelector("tr.blank-row") || body.rows[0];
    var row = template.cloneNode(true);
    nextIndex += 1;
    row.classList.remove("total-row");
    row.classList.add("blank-row");
    Array.prototype.forEach.call(row.querySelectorAll("input"), function (input) {
      if (input.type === "hidden") { input.parentNode.removeChild(input); return; }
      var parts = input.name.split("-");
      input.name = "r-" + nextIndex + "-" + parts.slice(2).join("-");
      input.value = "";
      input.classList.remove("bad");
    });
    var totalRow = body.querySelector("tr.total-row");
    body.insertBefore(row, totalRow);
    renumber();
    return row;
  }

  function rowsAfter(row) {
    var list = [], current = row;
    while (current) {
      if (!current.classList.contains("total-row")) { list.push(current); }
      current = current.nextElementSibling;
    }
    return list;
  }

  grid.addEventListener("click", function (event) {
    var button = event.target.closest("button.remove-row");
    if (!button) { return; }
    var row = button.closest("tr");
    row.parentNode.removeChild(row);
    renumber();
    recompute();
  });

  grid.addEventListener("input", recompute);

  grid.addEventListener("focusout", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-type]") ||
        input.getAttribute("data-type") === "text") { return; }
    var value = parseVn(input.value);
    if (value !== null && !isNaN(value)) { input.value = formatVn(value); }
  });

  grid.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-type]")) { return; }
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!/[\t\n]/.test(text)) { return; }
    event.preventDefault();
    var lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
    var startRow = input.closest("tr");
    var cells = Array.prototype.slice.call(startRow.querySelectorAll("input[data-type]"));
    var startCol = cells.indexOf(input);
    var targets = rowsAfter(startRow);
    lines.forEach(function (line, n) {
      var row = targets[n] || newRow();
      var inputs = row.querySelectorAll("input[data-type]");
      line.split("\t").forEach(function (value, k) {
        var target = inputs[startCol + k];
        if (target) {
          target.value = target.getAttribute("data-type") === "text" ? value.trim() :
            fromExcel(value);
        }
      });
    });
    recompute();
  });

  var add = document.getElementById("add-row");
  if (add) {
    add.addEventListener("click", function () {
      var row = newRow();
      var first = row.querySelector("input[data-type]");
      if (first) { first.focus(); }
    });
  }
  recompute();
}());
