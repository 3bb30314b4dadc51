// The signs checklist: ticks live in memory; stored on this device only when the reader asks.
// Runs on every view of the page with the checklist (material's document$ fires again after
// instant navigation). A plain script in one block, loaded with defer (file:// refuses module
// scripts), after material's bundle.
{
  // One key per site, like the theme's own: offline copies opened from file:// share one origin.
  const KEY = `${window.__md_scope?.pathname || "/"}.worth-checklist`;
  const NO_STORAGE =
    "This browser does not let this page keep your answers, so they cannot be remembered here. " +
    "The checklist still works while the page is open.";

  const storage = () => {
    try {
      return window.localStorage || null;
    } catch (_) {
      return null;
    }
  };

  const forget = () => {
    try {
      storage()?.removeItem(KEY);
    } catch (_) {}
  };

  const setup = () => {
    const root = document.querySelector(".worth-checklist");
    if (!root || root.classList.contains("worth-checklist--ready")) return;
    const boxes = [...root.querySelectorAll(".worth-checklist__items input[type=checkbox]")];
    const result = root.querySelector(".worth-checklist__result");
    const remember = root.querySelector("#checklist-remember");
    const note = root.querySelector("#checklist-remember-note");
    const bands = JSON.parse(root.dataset.bands);
    const limit = Number(root.dataset.limit) || 3;
    const reads = new Map([...root.querySelectorAll("[data-read]")].map((a) => [a.dataset.read, a]));

    root.querySelectorAll("[data-js]").forEach((el) => (el.hidden = false));
    root.querySelectorAll("[data-nojs]").forEach((el) => (el.hidden = true));
    boxes.forEach((box) => (box.hidden = false));
    root.classList.add("worth-checklist--ready");

    const save = () => {
      if (!remember.checked) return;
      try {
        storage().setItem(KEY, JSON.stringify(boxes.filter((b) => b.checked).map((b) => b.id)));
      } catch (_) {
        unavailable();
      }
    };
    const unavailable = () => {
      remember.checked = false;
      remember.disabled = true;
      note.textContent = NO_STORAGE;
      forget();
    };

    const band = (ticked) => {
      const share = (100 * ticked) / boxes.length;
      let words = bands[0].words;
      if (ticked) bands.slice(1).forEach((b, i) => (b.from <= share || i === 0) && (words = b.words));
      return words;
    };

    const nextReads = () => {
      const sums = new Map();
      boxes.filter((b) => b.checked).forEach((b) =>
        b.dataset.next.split(" ").filter(Boolean).forEach((pair) => {
          const [id, score] = pair.split(":");
          sums.set(id, (sums.get(id) || 0) + Number(score));
        }),
      );
      return [...sums].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit)
        .map(([id]) => reads.get(id)).filter(Boolean);
    };

    const update = () => {
      const ticked = boxes.filter((b) => b.checked).length;
      result.querySelector(".worth-checklist__count").textContent =
        `${ticked} of ${boxes.length} signs ticked.`;
      result.querySelector(".worth-checklist__band").textContent = band(ticked);
      // The signs she ticked, by name, in the order of the list.
      const names = boxes.filter((b) => b.checked).map((b) => root.querySelector(`label[for="${b.id}"]`).textContent.trim().replace(/\.$/, ""));
      result.querySelector(".worth-checklist__ticked").textContent = names.length ? `You ticked: ${names.join("; ")}.` : "";
      const next = result.querySelector(".worth-checklist__next");
      const links = nextReads();
      next.replaceChildren();
      if (!links.length) return;
      const intro = document.createElement("p");
      intro.textContent = names.length === 1
        ? "What the articles say about what staying costs and why letting go helps, for this sign:"
        : "What the articles say about what staying costs and why letting go helps, for these signs:";
      const list = document.createElement("ul");
      links.forEach((a) => {
        const item = document.createElement("li");
        item.append(a.cloneNode(true));
        list.append(item);
      });
      next.append(intro, list);
    };

    const clear = () => {
      boxes.forEach((b) => (b.checked = false));
      remember.checked = false;
      forget();
      update();
    };

    const store = storage();
    if (!store) unavailable();
    else {
      try {
        const saved = JSON.parse(store.getItem(KEY) || "null");
        if (Array.isArray(saved)) {
          boxes.forEach((b) => (b.checked = saved.includes(b.id)));
          remember.checked = true;
        }
      } catch (_) {
        forget();
      }
    }

    root.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
    root.querySelector(".worth-checklist__items").addEventListener("change", () => {
      update();
      save();
    });
    remember.addEventListener("change", () => (remember.checked ? save() : forget()));
    root.querySelector("[data-action=clear]").addEventListener("click", clear);
    root.querySelector("[data-action=print]").addEventListener("click", () => {
      document.body.classList.add("worth-print-checklist");
      window.print();
    });
    root.addEventListener("worth:clear", () => {
      boxes.forEach((b) => (b.checked = false));
      update();
    });
    update();
  };

  // Only the page with the checklist loads this script, and instant navigation runs it again
  // each time it brings that page: the listeners are added once, and each run sets up the page.
  if (!window.__worth_checklist) {
    window.__worth_checklist = true;
    // The quick exit announces itself; answers held in memory go with the page.
    document.addEventListener("worth:exit", () =>
      document.querySelector(".worth-checklist")?.dispatchEvent(new Event("worth:clear")),
    );
    window.addEventListener("afterprint", () => document.body.classList.remove("worth-print-checklist"));

    // On file:// material's document$ completes without a value: set up then too (setup runs once).
    if (typeof document$ !== "undefined") document$.subscribe({ next: setup, complete: setup });
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
    else setup();
  } else setup();
}
