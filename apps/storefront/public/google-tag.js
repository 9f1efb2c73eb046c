// A stand-in for Google's gtag.js (these machines cannot load Google's): like the real tag, it reads the consent
// commands already in the data layer when it loads, and keeps what it saw for the tests to compare.
window.googleTagSawOnLoad = (window.dataLayer || []).map((entry) => Array.from(entry));
document.documentElement.dataset.googleTag = "loaded";
