// The card's Print button. A listener here, not an inline onclick: the
// Content-Security-Policy the handbook is served with forbids inline handlers.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print-card]")) {
    window.print();
  }
});

// A wide table that scrolls sideways can be reached and scrolled with the keyboard
// (axe: scrollable-region-focusable), as Material already does for code blocks: its
// scroll wrapper is focusable while, and only while, its table overflows. Material
// wraps the tables when the page is ready; document$ tells this script after it.
function focusableWhenScrolling(wrapper) {
  if (wrapper.scrollWidth > wrapper.clientWidth) {
    wrapper.setAttribute("tabindex", "0");
  } else {
    wrapper.removeAttribute("tabindex");
  }
}

if (window.document$) {
  window.document$.subscribe(function () {
    var wrappers = document.querySelectorAll(".md-typeset__scrollwrap");
    var watcher = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { focusableWhenScrolling(entry.target); });
    });
    wrappers.forEach(function (wrapper) {
      focusableWhenScrolling(wrapper);
      watcher.observe(wrapper);
    });
  });
}
