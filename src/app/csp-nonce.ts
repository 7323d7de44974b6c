/**
 * The server's per-response nonce for runtime styles: its Content-Security-Policy allows no other
 * inline <style>. antd's CSS-in-JS takes it from ConfigProvider; a few helpers below antd (rc-util's
 * scrollbar measure and scroll lock) create <style> elements without asking, so every style
 * element this page's own scripts create carries it. Styles in injected markup still do not.
 */
export const cspNonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content.replace("__CSP_NONCE__", "") || undefined;

if (cspNonce) {
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions) {
    const element = create.call(this, tagName, options);
    if (tagName.toLowerCase() === "style") element.setAttribute("nonce", cspNonce);
    return element;
  } as typeof Document.prototype.createElement;
}
