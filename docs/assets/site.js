// 導盲磚 S (網站搜尋): activating it (Alt+S or Enter) opens Material's search
// box and puts the cursor in it, instead of only jumping to the link.
document.addEventListener("DOMContentLoaded", () => {
  const searchKey = document.querySelector("[data-gov-search]");
  if (!searchKey) return;
  searchKey.addEventListener("click", (event) => {
    const toggle = document.getElementById("__search");
    const input = document.querySelector(".md-search__input");
    if (!toggle || !input) return;
    event.preventDefault();
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    input.focus();
  });
});
