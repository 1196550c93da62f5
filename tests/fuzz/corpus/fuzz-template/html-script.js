"use strict";
/* Sort a table by a clicked header; filter rows by text and by status. */
(function () {
	function cellValue(row, i, numeric) {
		var text = row.cells[i] ? row.cells[i].textContent : "";
		return numeric ? parseFloat(text) || 0 : text.toLowerCase();
	}
	document.querySelectorAll("table.sortable").forEach(function (table) {
		var heads = table.tHead.rows[0].cells;
		Array.prototype.forEach.call(heads, function (th, i) {
			th.addEventListener("click", function () {
				var numeric = th.getAttribute("data-type") === "num";
				var asc = th.getAttribute("aria-sort") !== "ascending";
				var body = table.tBodies[0];
				var rows = Array.prototype.slice.call(body.rows);
				Array.prototype.forEach.call(heads, function (h) {
					h.removeAttribute("aria-sort");
				});
				th.setAttribute("aria-sort", asc ? "ascending" : "descending");
				rows.sort(function (a, b) {
					var x = cellValue(a, i, numeric), y = cellValue(b, i, numeric);
					return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
				});
				rows.forEach(function (r) { body.appendChild(r); });
			});
		});
	});
	function applyFilters(id) {
		var table = document.getElementById(id);
		var text = document.querySelector('[data-filter="' + id + '"]');
		var status = document.querySelector('[data-status-filter="' + id + '"]');
		var words = text ? text.value.toLowerCase() : "";
		var want = status ? status.value : "";
		Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
			var show = row.textContent.toLowerCase().indexOf(words) >= 0 &&
				(!want || row.getAttribute("data-status") === want);
			row.classList.toggle("hidden", !show);
		});
	}
	document.querySelectorAll("[data-filter], [data-status-filter]").forEach(function (el) {
		var id = el.getAttribute("data-filter") || el.getAttribute("data-status-filter");
		el.addEventListener("input", function () { applyFilters(id); });
		el.addEventListener("change", function () { applyFilters(id); });
	});
	/* the controls work: tests read this back from the page Chromium built */
	document.documentElement.setAttribute("data-script", "ready");
}());
