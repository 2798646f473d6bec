// faultline dashboard: the article view's evidence selection. No dependencies.
//
// Every element of an event (its sentence, trigger, actors, condition, time expression,
// quote) carries the event's number in `data-ev` ("1 3" when shared); each event's
// evidence card carries it too. Selecting an event marks all of them and brings its card
// into view. The page works without this script: cards are listed, marks have titles.
"use strict";

(function () {
  const text = document.getElementById("article-text");
  if (!text) {
    return;
  }

  function numbersOf(element) {
    return (element.getAttribute("data-ev") || "").split(" ").filter(Boolean);
  }

  function select(numbers, scrollCard) {
    document.querySelectorAll(".sel").forEach((el) => el.classList.remove("sel"));
    document.querySelectorAll(".card.active").forEach((el) => el.classList.remove("active"));
    numbers.forEach((n, i) => {
      text.querySelectorAll('[data-ev~="' + n + '"]').forEach((el) => el.classList.add("sel"));
      const card = document.querySelector('.card[data-ev="' + n + '"]');
      if (card) {
        card.classList.add("active");
        if (scrollCard && i === 0) {
          card.scrollIntoView({ block: "nearest", behavior: "smooth" });
        }
      }
    });
  }

  function fromText(event) {
    const mark = event.target.closest("mark.ev");
    if (mark && text.contains(mark)) {
      select(numbersOf(mark), true);
    }
  }

  text.addEventListener("click", fromText);
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      fromText(event);
    }
  });

  document.querySelectorAll(".card").forEach((card) => {
    const show = (event) => {
      if (event.target.closest("a")) {
        return;
      }
      const numbers = numbersOf(card);
      select(numbers, false);
      const first = text.querySelector('mark.ev[data-ev~="' + numbers[0] + '"]');
      if (first) {
        first.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    };
    card.addEventListener("click", show);
    card.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        show(event);
      }
    });
  });

  // A link to an event (#ev-3) selects it.
  if (location.hash.startsWith("#ev-")) {
    const card = document.getElementById(location.hash.slice(1));
    if (card) {
      select(numbersOf(card), true);
    }
  }
})();
