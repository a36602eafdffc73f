// Markdown fields (textarea[data-markdown], routines.editing.MarkdownTextarea): a formatting
// toolbar above the field and a live preview below it. Written for KIBS, no library.
// The toolbar is one tab stop; the arrow keys, Home and End move along it (the ARIA toolbar
// pattern), and Ctrl+B / Ctrl+I work in the field. The preview is the server's own rendering
// (routines:markdown_preview), sanitised as the saved page will be, asked for 400 ms after
// the typing stops. Without JavaScript the field is a plain text area.
(() => {
  const DELAY = 400;

  // Each action edits the selection: [text before, text after] around it, or a prefix per line.
  const wrap = (before, after) => (selected) => ({ text: before + selected + after, select: [before.length, before.length + selected.length] });
  const perLine = (prefix) => (selected) => {
    const lines = (selected || "").split("\n");
    const text = lines.map((line, index) => prefix(index) + line.replace(/^(\s*)([-*+]|\d+\.)\s+/, "$1")).join("\n");
    return { text, select: [text.length, text.length] };
  };

  function actions(labels) {
    return [
      ["bold", labels.bold, wrap("**", "**"), "b"],
      ["italic", labels.italic, wrap("*", "*"), "i"],
      ["bullets", labels.bullets, Object.assign(perLine(() => "- "), { list: true })],
      ["numbers", labels.numbers, Object.assign(perLine((index) => `${index + 1}. `), { list: true })],
      ["link", labels.link, (selected) => {
        const text = selected || labels.link_text;
        const address = "https://";
        // The address is selected, ready to be typed over.
        return { text: `[${text}](${address})`, select: [text.length + 3, text.length + 3 + address.length] };
      }],
    ];
  }

  function apply(field, action) {
    const start = field.selectionStart;
    const end = field.selectionEnd;
    const selected = field.value.slice(start, end);
    const lineStart = field.value.lastIndexOf("\n", start - 1) + 1;
    const result = action(selected);
    field.focus();
    let text = result.text;
    let offset = 0;
    // A list starts on a line of its own.
    if (action.list && start > lineStart) {
      text = `\n${text}`;
      offset = 1;
    }
    // insertText keeps the browser's undo; setRangeText where it is not supported.
    field.setSelectionRange(start, end);
    if (!document.execCommand || !document.execCommand("insertText", false, text)) {
      field.setRangeText(text, start, end, "end");
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
    field.setSelectionRange(start + offset + result.select[0], start + offset + result.select[1]);
  }

  function toolbar(field, labels) {
    const bar = document.createElement("div");
    bar.className = "markdown-toolbar btn-toolbar gap-1 mb-1";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", labels.toolbar);
    bar.setAttribute("aria-controls", field.id);
    const buttons = actions(labels).map(([name, label, action, key], index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `btn btn-sm btn-outline-secondary markdown-${name}`;
      button.textContent = label;
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener("click", () => apply(field, action));
      if (key) {
        button.setAttribute("aria-keyshortcuts", `Control+${key.toUpperCase()}`);
        field.addEventListener("keydown", (event) => {
          if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === key) {
            event.preventDefault();
            apply(field, action);
          }
        });
      }
      bar.append(button);
      return button;
    });
    bar.addEventListener("keydown", (event) => {
      const current = buttons.indexOf(document.activeElement);
      const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (current < 0 || next === undefined) return;
      event.preventDefault();
      const target = buttons[(next + buttons.length) % buttons.length];
      buttons.forEach((button) => { button.tabIndex = button === target ? 0 : -1; });
      target.focus();
    });
    return bar;
  }

  function preview(field, labels) {
    const box = document.createElement("section");
    box.className = "markdown-preview mt-2";
    box.setAttribute("aria-label", labels.preview);
    const heading = document.createElement("p");
    heading.className = "markdown-preview-heading";
    heading.textContent = labels.preview;
    const body = document.createElement("div");
    body.className = "formatted-text markdown-preview-body";
    box.append(heading, body);
    const token = field.form?.querySelector("[name=csrfmiddlewaretoken]")?.value || "";
    let timer = null;
    let asked = 0;
    const refresh = async () => {
      const number = ++asked;
      const data = new FormData();
      data.append("text", field.value);
      let html;
      try {
        const response = await fetch(labels.preview_url, {
          method: "POST", body: data, headers: { "X-CSRFToken": token }, credentials: "same-origin",
        });
        if (!response.ok) throw new Error(response.status);
        html = await response.text();
      } catch {
        html = null;
      }
      if (number !== asked) return;  // a later answer is on its way
      if (html === null) {
        body.replaceChildren(Object.assign(document.createElement("p"), { className: "text-danger", textContent: labels.preview_failed }));
      } else {
        body.innerHTML = html;  // sanitised by the server (routines.formatting.render_markdown)
      }
      box.hidden = !field.value.trim();
    };
    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY);
    });
    box.hidden = !field.value.trim();
    if (!box.hidden) refresh();
    return box;
  }

  for (const field of document.querySelectorAll("textarea[data-markdown]:not([data-markdown-ready])")) {
    const labels = JSON.parse(field.dataset.markdown);
    field.dataset.markdownReady = "";
    field.before(toolbar(field, labels));
    // After the field's own help and error texts, so they stay right below it.
    const after = [...field.parentElement.children].filter((el) => el.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_PRECEDING && el.matches(".form-text, .invalid-feedback")).pop();
    (after || field).after(preview(field, labels));
  }
})();
