// The All contacts grid by keyboard. Each row's link is its stop in the Tab order (Enter opens the card);
// Up and Down move the focus to the link of the row above or below, as in a list.
// Space on a row selects it for a bulk action (Shift+Space selects from the last selected row): the row's box is
// left out of the Tab order, so each row stays one stop.
// App.razor loads this module with every document (the listeners act only inside #contacts-grid), so the arrows work
// on the prerendered rows too; the grid page imports the same instance for focusRow.
document.addEventListener('keydown', event => {
    if (event.key !== ' ' || event.altKey || event.ctrlKey || event.metaKey) return;
    const link = event.target instanceof Element ? event.target.closest('#contacts-grid tr.contact-row a.contact-name') : null;
    const box = link?.closest('tr')?.querySelector('input.row-select');
    if (!box) return;
    event.preventDefault();   // Space would scroll the page
    box.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, shiftKey: event.shiftKey }));
});

document.addEventListener('keydown', event => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const row = event.target instanceof Element ? event.target.closest('#contacts-grid tr.contact-row') : null;
    if (!row) return;
    const rows = [...row.parentElement.querySelectorAll(':scope > tr.contact-row')];
    const next = rows[rows.indexOf(row) + (event.key === 'ArrowDown' ? 1 : -1)];
    event.preventDefault();   // the page does not scroll under the focus, also at the first and last row
    next?.querySelector('a.contact-name')?.focus();
});

/** Gives the focus back to the row of the contact the user opened (after Back, or the card's back link). */
export function focusRow(contactId) {
    const link = document.querySelector(`#contacts-grid a.contact-name[data-contact-id="${contactId}"]`);
    if (!link) return;
    link.focus();
    link.scrollIntoView({ block: 'nearest' });
}
