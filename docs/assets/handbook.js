// The card's Print button. A listener here, not an inline onclick: the
// Content-Security-Policy the handbook is served with forbids inline handlers.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print-card]")) {
    window.print();
  }
});
