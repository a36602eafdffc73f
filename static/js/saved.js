// After saving, a list opens at what was saved (its #anchor). The confirmation
// moves from the top of the page to that item, where the eye is; it stays a
// status message for screen readers. Without JavaScript it stays at the top.
const savedItem = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
const savedMessages = document.getElementById("messages");
if (savedItem && savedMessages && savedItem.closest("main") && !savedItem.matches("main, h1")) {
  const place = savedItem.tagName === "TR" ? savedItem.cells[0] : savedItem;
  savedMessages.classList.add("messages-here");
  place.prepend(savedMessages);
}
