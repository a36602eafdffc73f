// "Print this page" buttons. They stay hidden without JavaScript, where the
// browser's own print command does the same; the print stylesheet does the rest.
document.querySelectorAll("[data-print-page]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
