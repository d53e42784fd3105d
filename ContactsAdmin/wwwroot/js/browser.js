// Small helpers the Blazor components call through JS interop.

/** The IANA time zone the browser runs in, e.g. "Europe/Kyiv". */
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Copies text to the clipboard (push tokens, ids). */
export async function copyText(text) {
    await navigator.clipboard.writeText(text);
}

/** The theme the user chose last time on this browser: "dark", "light" or null (follow the system). */
export function savedTheme() {
    return localStorage.getItem("contactsadmin.theme");
}

export function saveTheme(theme) {
    localStorage.setItem("contactsadmin.theme", theme);
}
