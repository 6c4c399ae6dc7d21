// The link picker: type part of a record's name, pick it from the records that match
// (asked of the app as you type, so it works with any number of them). Keyboard: Down and
// Up move through the list, Enter picks, Escape closes. Without this script the form
// still works: the name typed is looked up when it is saved.
(function () {
  "use strict";

  function setup(box) {
    var input = box.querySelector("input[type=text]");
    var chosen = box.querySelector("input[type=hidden]");
    var list = box.querySelector(".pick-list");
    var picked = input.value;
    var active = -1;
    var asked = 0;
    var timer = null;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    list.setAttribute("role", "listbox");

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function show(found, more) {
      list.textContent = "";
      found.forEach(function (record, n) {
        var item = document.createElement("li");
        item.id = list.id + "-" + n;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.id = record.id;
        item.textContent = record.title;
        list.appendChild(item);
      });
      if (!found.length || more) {
        var note = document.createElement("li");
        note.className = "pick-note";
        note.textContent = found.length ? "More match: type more of the name." : "Nothing matches.";
        list.appendChild(note);
      }
      list.hidden = false;
      active = -1;
      input.setAttribute("aria-expanded", "true");
    }

    function move(step) {
      var items = options();
      if (!items.length) return;
      if (active >= 0) items[active].setAttribute("aria-selected", "false");
      active = (active + step + items.length) % items.length;
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function choose(item) {
      chosen.value = item.dataset.id;
      input.value = picked = item.textContent;
      close();
    }

    function ask() {
      var mine = ++asked;
      var address = box.dataset.choices + "?q=" + encodeURIComponent(input.value.trim());
      fetch(address, { headers: { Accept: "application/json" } })
        .then(function (answer) { return answer.ok ? answer.json() : null; })
        .then(function (data) {
          if (data && mine === asked && document.activeElement === input) {
            show(data.choices, data.more);
          }
        })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      if (input.value !== picked) chosen.value = "";
      clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) ask();
        else move(event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(options()[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
    // Pressing an option keeps the focus in the box, so the list is still there to pick from.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) choose(item);
    });
  }

  document.querySelectorAll(".pick").forEach(setup);
})();
