// One stylesheet for every part; the banner is fixed to the viewport's bottom, so showing it moves nothing on the page.
const CSS = `
.custos-banner{position:fixed;inset:auto 0 0 0;z-index:2147483000;background:#fff;color:#1a1a1a;border-top:1px solid #ccc;box-shadow:0 -2px 12px rgba(0,0,0,.15);padding:16px;font:15px/1.4 system-ui,sans-serif}
.custos-banner h2,.custos-dialog h2{margin:0 0 8px;font-size:17px}
.custos-actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
.custos-actions button{flex:1 1 10em;min-height:44px;padding:8px 16px;font:inherit;border:2px solid #1a1a1a;border-radius:6px;background:#1a1a1a;color:#fff;cursor:pointer}
.custos-actions button.custos-secondary{background:#fff;color:#1a1a1a}
.custos-actions button:focus-visible,.custos-dialog :focus-visible{outline:3px solid #0b5fff;outline-offset:2px}
.custos-backdrop{position:fixed;inset:0;z-index:2147483001;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center}
.custos-dialog{background:#fff;color:#1a1a1a;max-width:40em;width:calc(100% - 32px);max-height:calc(100% - 32px);overflow:auto;border-radius:8px;padding:20px;font:15px/1.4 system-ui,sans-serif}
.custos-category{border-top:1px solid #ddd;padding:10px 0}
.custos-category label{display:flex;gap:8px;align-items:center;font-weight:600}
.custos-category p{margin:4px 0}
.custos-vendors li{margin:2px 0}
.custos-status{min-height:1.4em;margin-top:8px}
.custos-receipt{min-height:44px;padding:6px 12px;font:inherit;border:1px solid #1a1a1a;border-radius:6px;background:#fff;color:#1a1a1a;cursor:pointer}
`;

let injected = false;
export function injectStyles() {
  if (injected) return;
  injected = true;
  const style = document.createElement("style");
  style.dataset.custos = "";
  style.textContent = CSS;
  document.head.append(style);
}
