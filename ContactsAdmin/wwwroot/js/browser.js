// Small helpers the Blazor components call through JS interop.

/** The IANA time zone the browser runs in, e.g. "Europe/Kyiv". */
function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Copies text to the clipboard (push tokens, ids). */
export async function copyText(text) {
    await navigator.clipboard.writeText(text);
}

/**
 * What the layout needs before it draws a page, in one call: the time zone and whether to use the dark theme
 * (the user's last choice on this browser, else what the system asks for).
 */
export function layoutSettings() {
    return rememberForFirstPaint();
}

/** Whether the page uses the dark theme: the user's last choice on this browser, else what the system asks for. */
function darkMode() {
    const saved = savedTheme();
    return saved === "dark" || (saved !== "light" && window.matchMedia("(prefers-color-scheme: dark)").matches);
}

/**
 * Focuses the page's heading after another page shows, so screen readers announce it; the heading is made focusable
 * by script only (tabindex -1), as Blazor does. With keepUsersFocus, only when nothing has the focus yet: the circuit
 * taking over a page the user may already be typing in.
 */
export function focusPageHeading(selector, keepUsersFocus) {
    const active = document.activeElement;
    if (keepUsersFocus && active && active !== document.body) return;
    const heading = document.querySelector(selector);
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
}

/**
 * The server prerenders pages before the circuit exists, so it reads the zone and theme from cookies (names in
 * Components/Layout/FirstPaintPreferences.cs). Written on every page, the sign-in page included, so even the first
 * page after signing in is drawn in the browser's zone and theme.
 */
function rememberForFirstPaint() {
    const settings = { timeZone: timeZone(), darkMode: darkMode() };
    const year = 60 * 60 * 24 * 365;
    document.cookie = `contactsadmin-timezone=${settings.timeZone}; path=/; max-age=${year}; samesite=lax`;
    document.cookie = `contactsadmin-theme=${settings.darkMode ? "dark" : "light"}; path=/; max-age=${year}; samesite=lax`;
    return settings;
}

rememberForFirstPaint();

/** The theme the user chose last time on this browser: "dark", "light" or null (follow the system). */
function savedTheme() {
    return localStorage.getItem("contactsadmin.theme");
}

export function saveTheme(theme) {
    localStorage.setItem("contactsadmin.theme", theme);
    rememberForFirstPaint();
}

/**
 * Posts fields as a form to the app, with the sign-in cookie (the answer may renew it: only an HTTP response can).
 * Answers the status and, for a 400 with problem details, the messages by field.
 */
export async function postForm(url, fields) {
    const response = await fetch(url, { method: "POST", body: new URLSearchParams(fields), credentials: "same-origin", redirect: "manual" });
    let errors = {};
    if (response.status === 400 && (response.headers.get("content-type") || "").includes("json"))
        errors = (await response.json()).errors || {};
    return { status: response.status, errors };
}
