// Menus that fold behind a button on narrow screens and stand open on wide ones:
// a <details data-open-from="(media query)"> is open exactly while the query matches.
// Loaded right after the menu, so it is folded before the page is first drawn;
// without JavaScript the <details> still opens and closes with its own button.
for (const menu of document.querySelectorAll("details[data-open-from]:not([data-follows])")) {
  const wide = window.matchMedia(menu.dataset.openFrom);
  const follow = () => {
    menu.open = wide.matches;
  };
  menu.dataset.follows = "";
  follow();
  wide.addEventListener("change", follow);
}
