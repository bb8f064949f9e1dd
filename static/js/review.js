// Review queue keyboard: j/k move between facts, x selects, a accepts, r goes to the reason
// (Enter there rejects), e opens the correction. The buttons and links do the work, so the page
// behaves the same with or without this script.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  if (!form) { return; }
  var facts = Array.prototype.slice.call(form.querySelectorAll("[data-fact]"));
  if (!facts.length) { return; }
  var current = -1;

  function show(index) {
    if (index < 0 || index >= facts.length) { return; }
    if (current >= 0) { facts[current].classList.remove("current"); }
    current = index;
    facts[current].classList.add("current");
    facts[current].focus({ preventScroll: true });
    facts[current].scrollIntoView({ block: "nearest" });
  }

  function part(name) {
    return current >= 0 ? facts[current].querySelector('[data-action="' + name + '"]') : null;
  }

  facts.forEach(function (fact, index) {
    fact.addEventListener("focusin", function () {
      if (current !== index) {
        if (current >= 0) { facts[current].classList.remove("current"); }
        current = index;
        fact.classList.add("current");
      }
    });
  });

  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.matches('[data-action="reason"]') && event.key === "Enter") {
      event.preventDefault();
      target.closest("[data-fact]").querySelector('[data-action="reject"]').click();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var typing = event.target.matches("input[type=text], input:not([type]), textarea, select");
    if (typing) {
      if (event.key === "Escape" && current >= 0) { facts[current].focus(); }
      return;
    }
    var action = null;
    switch (event.key) {
      case "j": show(current + 1); break;
      case "k": show(Math.max(current - 1, 0)); break;
      case "x": action = part("select"); if (action) { action.click(); } break;
      case "a": action = part("accept"); if (action) { action.click(); } break;
      case "e": action = part("edit"); if (action) { action.click(); } break;
      case "r": action = part("reason"); if (action) { action.focus(); } break;
      default: return;
    }
    event.preventDefault();
  });
})();
