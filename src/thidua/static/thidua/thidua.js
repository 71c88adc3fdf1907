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
