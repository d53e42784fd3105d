// Keyboard shortcuts for every page. "/" puts the cursor in the page's search box (an input marked
// data-focus-key="/"), as on most sites with search, unless the user is already typing somewhere.
document.addEventListener('keydown', event => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    const search = document.querySelector('input[data-focus-key="/"]');
    if (!search) return;
    event.preventDefault();
    search.focus();
    search.select();
});
