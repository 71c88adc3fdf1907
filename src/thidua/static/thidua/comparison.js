// Year-over-year comparison: the PAR score as a line (left axis), awards and violations as
// bars (right axis). The table beside the chart carries the same numbers.
(() => {
  const source = document.getElementById("comparison-data");
  const canvas = document.getElementById("chart-comparison");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.animation = still ? false : Chart.defaults.animation;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#212529";
  Chart.defaults.maintainAspectRatio = false;
  new Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "line", label: data.par.label, data: data.par.values, yAxisID: "score",
          borderColor: "#0b5ed7", backgroundColor: "#0b5ed7", spanGaps: true },
        { type: "bar", label: data.awards.label, data: data.awards.values, yAxisID: "count",
          backgroundColor: "#146c43" },
        { type: "bar", label: data.violations.label, data: data.violations.values, yAxisID: "count",
          backgroundColor: "#b02a37" },
      ],
    },
    options: {
      scales: {
        score: { position: "left", beginAtZero: true },
        count: { position: "right", beginAtZero: true, ticks: { precision: 0 }, grid: { drawOnChartArea: false } },
      },
      plugins: { legend: { position: "bottom" } },
    },
  });
})();
