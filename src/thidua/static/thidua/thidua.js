// Unit tree: toggle a node's children (loaded once by htmx), keep aria-expanded in step.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".tree .toggle");
  if (!button || button.tagName !== "BUTTON") return;
  const item = button.closest("li");
  const group = item.querySelector(":scope > ul");
  const open = item.getAttribute("aria-expanded") === "true";
  item.setAttribute("aria-expanded", open ? "false" : "true");
  button.setAttribute("aria-expanded", open ? "false" : "true");
  group.hidden = open;
  button.querySelector("i").className = open ? "bi bi-plus" : "bi bi-dash";
});

// Formset rows (the plan form): "Thêm dòng" clones the empty row kept in a <template>, numbers
// it and focuses its first field. Without JS the form still offers one blank row per part.
document.querySelectorAll("[data-formset-add]").forEach((button) => { button.hidden = false; });
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const prefix = button.dataset.formsetAdd;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById(`${prefix}-template`);
  const rows = document.getElementById(`${prefix}-rows`);
  const index = parseInt(total.value, 10);
  rows.insertAdjacentHTML(
    "beforeend",
    template.innerHTML.replaceAll("__prefix__", index).replaceAll("__number__", index + 1),
  );
  total.value = index + 1;
  const row = rows.lastElementChild;
  row.querySelector("input:not([type=hidden]), select, textarea")?.focus();
  document.getElementById(`${prefix}-status`).textContent = button.dataset.addedText || "";
});

// A row marked for deletion is dimmed, so that what will be saved is what one sees.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!box.matches(".formset-row input[name$='-DELETE']")) return;
  box.closest(".formset-row").classList.toggle("formset-row-deleted", box.checked);
});

// Buttons that end something ask first.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// A form sent back with problems: take the reader to the summary of them.
document.getElementById("error-summary")?.focus();
