// The round's dashboard: draw the charts from the numbers the page carries (json_script).
// Every chart has a table with the same numbers next to it, so nothing is lost without JS.
(() => {
  const source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.animation = still ? false : Chart.defaults.animation;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#212529";
  Chart.defaults.maintainAspectRatio = false;

  const draw = (id, config) => {
    const canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  };

  draw("chart-registration", {
    type: "doughnut",
    data: {
      labels: data.registration.labels,
      datasets: [{ data: data.registration.values, backgroundColor: ["#146c43", "#0b5ed7", "#b02a37"] }],
    },
    options: { plugins: { legend: { position: "bottom" } } },
  });

  draw("chart-attainment", {
    type: "bar",
    data: {
      labels: data.attainment.labels,
      datasets: [{ label: data.attainment.label, data: data.attainment.values, backgroundColor: "#0b5ed7" }],
    },
    options: {
      scales: { y: { min: 0, max: 100, ticks: { callback: (value) => `${value}%` } } },
      plugins: { legend: { display: false } },
    },
  });

  draw("chart-bands", {
    type: "bar",
    data: {
      labels: data.bands.labels,
      datasets: data.bands.datasets.map((set) => ({
        label: set.label, data: set.values, backgroundColor: set.colour,
      })),
    },
    options: {
      indexAxis: "y",
      scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
      plugins: { legend: { position: "bottom" } },
    },
  });

  draw("chart-ranking", {
    type: "bar",
    data: {
      labels: data.ranking.labels,
      datasets: [{ label: data.ranking.label, data: data.ranking.values, backgroundColor: data.ranking.colours }],
    },
    options: {
      indexAxis: "y",
      scales: { x: { beginAtZero: true } },
      plugins: { legend: { display: false } },
    },
  });
})();
